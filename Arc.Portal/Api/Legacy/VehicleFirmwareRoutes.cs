using System.Text.Json.Serialization;
using Arc.Domain.Common;
using Arc.Domain.Firmware;
using Arc.Domain.Permissions;
using Arc.Portal.Auth;

namespace Arc.Portal.Api.Legacy;

/// <summary>
/// <c>POST /vm/v1/vehicles/{vin}/firmware/version</c>: "mark the vehicle as running the current release", through the
/// Firmware tab's use case (<see cref="MarkVehicleFirmwareCurrent"/>), each named component's hash pinned. The old step
/// function recorded the latest release of each component whatever hash the caller gave (spec defect 17); here a given
/// hash must be the current release's, or the call is refused and nothing is recorded.
/// </summary>
public static class VehicleFirmwareRoutes
{
    /// <summary>The old function dropped this pseudo-component: it names the firmware repository's deployment, not a part's build.</summary>
    private const string DeployedFirmware = "Deployed Firmware";

    public sealed record Body([property: JsonPropertyName("firmware_modules_input")] Dictionary<string, string?>? Input);

    public sealed record Updated([property: JsonPropertyName("updated_firmware")] IReadOnlyDictionary<string, string> Firmware);

    public static void Map(RouteGroupBuilder vm)
    {
        vm.MapPost("/vehicles/{vin}/firmware/version", async (string vin, HttpContext context, PortalCurrentUser user, MarkVehicleFirmwareCurrent mark) =>
            {
                user.UsePrincipal(context.User);
                var body = await LegacyApi.ReadOptionalBodyAsync(context, new Body(null));
                var choices = body.Input?.Where(p => p.Key != DeployedFirmware).Select(p => new FirmwareChoice(p.Key, p.Value)).ToList();
                var marked = await mark.HandleAsync(vin, choices, context.RequestAborted);
                // The old answer listed every component it set, sorted without regard to case.
                var updated = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var component in marked.Chosen)
                    updated[component.Release] = component.CurrentHash!;
                return Results.Json(new Updated(updated));
            })
            .WithName("OldMarkVehicleFirmwareCurrent")
            .WithSummary("Old route: records the current release of some or all of a vehicle's firmware components, from an optional " +
                "{firmware_modules_input{component: hash or null}}, and answers {updated_firmware{component: hash}}.")
            .AcceptsOldBody<Body>(optional: true)
            .Produces<Updated>()
            .ProducesLegacyErrors(400, 404, 413);
    }

}
