using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Models;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Firmware;

/// <summary>
/// A component to mark current, named by its component or by its variant's release name ("004280 Comm Firmware"). With a
/// hash, the caller vouches for the build it saw: the mark is refused unless that is still the current release's.
/// </summary>
public sealed record FirmwareChoice(string Name, string? Hash = null);

/// <summary>What a mark changed, and every chosen component, each now recorded at its current release.</summary>
public sealed record FirmwareMarked(IReadOnlyList<string> Changed, IReadOnlyList<ComponentFirmware> Chosen);

/// <summary>
/// Records that a vehicle runs the current release of some or all of its components ("mark as current release",
/// firmware_version_vin_set after firmware_version_get; permission firmware.vehicle.write): for each component the
/// release of the variant its parts call for. Components already current are left alone, so a retry changes nothing;
/// each one changed gets a note tagged "firmware". A vehicle with a speed governor set gets its desired state published
/// again, since the governor reaches it only once its Comm firmware allows it. No choices means every component that has a
/// release. The old function recorded the latest release whatever hash it was given (spec defect 17); a pinned hash that
/// is not the current release's refuses the whole mark.
/// </summary>
public sealed class MarkVehicleFirmwareCurrent(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time, PortalEnvironment environment,
    SideEffects.Outbox outbox) : IUseCase
{
    public const int MaxChoices = 100;

    public async Task<FirmwareMarked> HandleAsync(string vinText, IReadOnlyCollection<FirmwareChoice>? choices = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.FirmwareVehicleWrite, ct);
        var vin = Vin.Parse(vinText, environment.Environment);
        if (choices?.Count > MaxChoices)
            throw new ValidationFailedException("components", $"At most {MaxChoices} components can be named in one call.");
        await using var data = dataFactory.Open();
        var vehicle = await data.FirstOrDefaultAsync(data.Vehicles.Where(v => v.Vin == vin.Value), ct) ?? throw new NotFoundException("Vehicle", vin.Value);
        await data.LockAsync(vehicle, ct);
        var (view, catalogue) = await EvaluateAsync(data, vin.Value, ct);
        var chosen = choices is { Count: > 0 } ? Choose(view, choices) : view.Components.Where(c => c.CurrentHash is not null).ToList();
        if (chosen.Count == 0)
            throw new ValidationFailedException("components", "No firmware release has been recorded for this vehicle's parts yet.");
        var changes = chosen.Where(c => c.State != FirmwareState.UpToDate).ToList();
        if (changes.Count == 0)
            return new FirmwareMarked([], chosen);

        var now = time.GetUtcNow();
        var tag = await CatalogueRules.TagAsync(data, FirmwareAuditActions.NoteTag, ct);
        foreach (var change in changes)
        {
            var release = await RecordAsync(data, vin.Value, change, catalogue, now, ct);
            CatalogueRules.AddVehicleNote(data, vin.Value, username, $"Firmware {change.Component} set to {release.Hash}", tag, now);
        }
        audit.Record(data, username, FirmwareAuditActions.VehicleMarkedCurrent, FirmwareAuditActions.VehicleEntity, vin.Value,
            changes.Select(c => new { c.PartType, c.Component, before = c.RecordedHash, after = c.CurrentHash }).ToList());
        // A speed governor kept back for older Comm firmware goes out once the new firmware is recorded (DesiredState).
        if (await data.AnyAsync(data.VehicleMeta.Where(m => m.Vin == vin.Value && m.Section == "configuration" && m.Key == Shadows.DesiredState.GovernorKey), ct))
            outbox.PublishShadow(data, vin.Value, username);
        await data.SaveChangesAsync(ct);
        return new FirmwareMarked(changes.Select(c => c.Component).Distinct().ToList(), chosen);
    }

    /// <summary>The components the choices name; each must have a current release, and a pinned hash must be it.</summary>
    private static List<ComponentFirmware> Choose(VehicleFirmwareView view, IReadOnlyCollection<FirmwareChoice> choices)
    {
        var chosen = new List<ComponentFirmware>();
        foreach (var choice in choices)
        {
            var matches = view.Components.Where(c => c.Component == choice.Name || c.Release == choice.Name).ToList();
            if (matches.Count == 0)
                throw new ValidationFailedException("components", $"{view.Vin} has no firmware component named {Clip(choice.Name)}.");
            foreach (var component in matches)
            {
                if (component.CurrentHash is null)
                    throw new ValidationFailedException("components", $"No release of {component.Release} has been recorded yet, so it cannot be marked current.");
                if (choice.Hash is not null && !string.Equals(choice.Hash, component.CurrentHash, StringComparison.OrdinalIgnoreCase))
                    throw new ValidationFailedException("components",
                        $"{Clip(choice.Hash)} is not the current release of {component.Release} ({component.CurrentHash}); only the current release can be recorded.");
                if (!chosen.Contains(component))
                    chosen.Add(component);
            }
        }
        return chosen;
    }

    /// <summary>The vehicle's firmware per component as its parts call for, against the releases recorded now.</summary>
    internal static async Task<(VehicleFirmwareView View, FirmwareStatusReader.Catalogue Catalogue)> EvaluateAsync(IArcData data, string vin, CancellationToken ct)
    {
        var facts = (await FirmwareStatusReader.FactsAsync(data, [vin], ct)).Single();
        var catalogue = await FirmwareStatusReader.CatalogueAsync(data, ct);
        return (FirmwareStatus.Evaluate(facts, catalogue.Hosts, catalogue.Current, catalogue.History), catalogue);
    }

    /// <summary>Records one component of the vehicle as running its current release (a component with one); no note, no audit.</summary>
    internal static async Task<FirmwareRelease> RecordAsync(IArcData data, string vin, ComponentFirmware change, FirmwareStatusReader.Catalogue catalogue,
        DateTimeOffset now, CancellationToken ct)
    {
        var release = catalogue.Current[change.Release];
        var record = await data.FirstOrDefaultAsync(
            data.VehicleFirmware.Where(f => f.Vin == vin && f.PartType == change.PartType && f.Component == change.Component), ct);
        if (record is null)
            data.Add(new VehicleFirmwareInstalled { Vin = vin, PartType = change.PartType, Component = change.Component, FirmwareReleaseId = release.Id, Installed = now });
        else
            (record.FirmwareReleaseId, record.Release, record.Installed) = (release.Id, null, now);
        return release;
    }

    private static string Clip(string text) => "'" + (text.Length > 40 ? text[..40] + "…" : text) + "'";
}
