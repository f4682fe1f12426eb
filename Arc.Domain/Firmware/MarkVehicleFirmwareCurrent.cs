using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Models;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Firmware;

/// <summary>
/// Records that a vehicle runs the current release of some or all of its components ("mark as current release",
/// firmware_version_vin_set after firmware_version_get; permission firmware.vehicle.write): for each component the
/// release of the variant its parts call for. Components already current are left alone; each one changed gets a
/// note tagged "firmware". A vehicle with a speed governor set gets its desired state published again, since the
/// governor reaches it only once its Comm firmware allows it. Null or empty <paramref name="components"/> means every component that has a release.
/// </summary>
public sealed class MarkVehicleFirmwareCurrent(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time, PortalEnvironment environment,
    SideEffects.Outbox outbox) : IUseCase
{
    public async Task<IReadOnlyList<string>> HandleAsync(string vinText, IReadOnlyCollection<string>? components = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.FirmwareVehicleWrite, ct);
        var vin = Vin.Parse(vinText, environment.Environment);
        await using var data = dataFactory.Open();
        var vehicle = await data.FirstOrDefaultAsync(data.Vehicles.Where(v => v.Vin == vin.Value), ct) ?? throw new NotFoundException("Vehicle", vin.Value);
        await data.LockAsync(vehicle, ct);
        var (view, catalogue) = await EvaluateAsync(data, vin.Value, ct);
        var chosen = view.Components.ToList();
        if (components is { Count: > 0 })
        {
            var unknown = components.Where(c => !view.Components.Any(v => v.Component == c)).ToList();
            if (unknown.Count > 0)
                throw new ValidationFailedException("components", $"{vin.Value} has no component named {string.Join(", ", unknown.Select(Clip))}.");
            chosen = chosen.Where(c => components.Contains(c.Component)).ToList();
            var unreleased = chosen.FirstOrDefault(c => c.CurrentHash is null);
            if (unreleased is not null)
                throw new ValidationFailedException("components", $"No release of {unreleased.Release} has been recorded yet, so it cannot be marked current.");
        }
        var changes = chosen.Where(c => c.CurrentHash is not null && c.State != FirmwareState.UpToDate).ToList();
        if (changes.Count == 0)
            throw new ValidationFailedException("components", chosen.Any(c => c.CurrentHash is not null)
                ? "Every chosen component is at its current release already."
                : "No firmware release has been recorded for this vehicle's parts yet.");

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
        return changes.Select(c => c.Component).Distinct().ToList();
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
