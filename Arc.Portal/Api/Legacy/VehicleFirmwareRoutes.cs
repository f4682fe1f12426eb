using System.Text.Json.Serialization;
using Arc.Domain.Common;
using Arc.Domain.Firmware;
using Arc.Domain.Permissions;
using Arc.Portal.Auth;

namespace Arc.Portal.Api.Legacy;

/// <summary>
/// <c>POST /vm/v1/vehicles/{vin}/firmware/version</c>: "mark the vehicle as running the current release", through the
/// Firmware tab's use case (<see cref="MarkVehicleFirmwareCurrent"/>). The old step function read the current releases
/// and recorded the latest release of each component whatever hash the caller gave (spec defect 17); here a given hash
/// must be the current release's, or the call is refused and nothing is recorded.
/// </summary>
public static class VehicleFirmwareRoutes
{
    /// <summary>The old function dropped this pseudo-component: it names the firmware repository's deployment, not a part's build.</summary>
    private const string DeployedFirmware = "Deployed Firmware";
    private const int MaxComponents = 100;

    public sealed record Body([property: JsonPropertyName("firmware_modules_input")] Dictionary<string, string?>? Input);

    public sealed record Updated([property: JsonPropertyName("updated_firmware")] IReadOnlyDictionary<string, string> Firmware);

    public static void Map(RouteGroupBuilder vm)
    {
        vm.MapPost("/vehicles/{vin}/firmware/version", async (string vin, HttpContext context, PortalCurrentUser user, GetVehicleFirmware firmware,
                MarkVehicleFirmwareCurrent mark) =>
            {
                user.UsePrincipal(context.User);
                // A write route, refused as one before anything is read, even when there is nothing left to record.
                await user.RequireAsync(Perm.FirmwareVehicleWrite, context.RequestAborted);
                var body = await LegacyApi.ReadOptionalBodyAsync(context, new Body(null));
                var before = await firmware.HandleAsync(vin, context.RequestAborted);
                var chosen = Choose(before, body.Input);
                if (chosen.Any(c => c.State != FirmwareState.UpToDate && c.CurrentHash is not null))
                    await mark.HandleAsync(vin, chosen.Select(c => c.Component).Distinct().ToList(), context.RequestAborted);
                var after = await firmware.HandleAsync(vin, context.RequestAborted);
                var names = chosen.Select(c => (c.PartType, c.Component)).ToHashSet();
                // The old answer listed every component it set, sorted without regard to case.
                var updated = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var component in after.Components.Where(c => names.Contains((c.PartType, c.Component)) && c.RecordedHash is not null))
                    updated[component.Release] = component.RecordedHash!;
                return Results.Json(new Updated(updated));
            })
            .WithName("OldMarkVehicleFirmwareCurrent")
            .WithSummary("Old route: records the current release of some or all of a vehicle's firmware components, from an optional " +
                "{firmware_modules_input{component: hash or null}}, and answers {updated_firmware{component: hash}}.")
            .AcceptsOldBody<Body>(optional: true)
            .Produces<Updated>()
            .ProducesLegacyErrors(400, 404, 413);
    }

    /// <summary>
    /// The components the body names (by component or by the variant's release name), or all of them for none; a hash
    /// given must be the current release's.
    /// </summary>
    public static IReadOnlyList<ComponentFirmware> Choose(VehicleFirmwareView view, IReadOnlyDictionary<string, string?>? input)
    {
        var wanted = input?.Where(p => p.Key != DeployedFirmware).ToList() ?? [];
        if (wanted.Count == 0)
            return view.Components.Where(c => c.CurrentHash is not null).ToList();
        if (wanted.Count > MaxComponents)
            throw new ValidationFailedException("firmware_modules_input", $"At most {MaxComponents} components can be named in one call.");
        var chosen = new List<ComponentFirmware>();
        foreach (var (name, hash) in wanted)
        {
            var matches = view.Components.Where(c => c.Component == name || c.Release == name).ToList();
            if (matches.Count == 0)
                throw new ValidationFailedException("firmware_modules_input", $"{view.Vin} has no firmware component named {Clip(name)}.");
            foreach (var component in matches)
            {
                if (component.CurrentHash is null)
                    throw new ValidationFailedException("firmware_modules_input", $"No release of {component.Release} has been recorded yet.");
                if (hash is not null && !string.Equals(hash, component.CurrentHash, StringComparison.OrdinalIgnoreCase))
                    throw new ValidationFailedException("firmware_modules_input",
                        $"{Clip(hash)} is not the current release of {component.Release} ({component.CurrentHash}); only the current release can be recorded.");
                chosen.Add(component);
            }
        }
        return chosen;
    }

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
