namespace Arc.Domain.Firmware;

public enum FirmwareState
{
    Unknown,
    Behind,
    UpToDate,
}

/// <summary>One component of a vehicle: the release it must run, what is recorded, what it reports and the current release.</summary>
/// <param name="Release">The release the vehicle must run: the component itself or its part-specific variant.</param>
/// <param name="RecordedInvalid">A record exists but names no release (the vehicle's hash was recorded as invalid).</param>
public sealed record ComponentFirmware(string PartType, string Component, string Release, string? RecordedHash, DateTimeOffset? RecordedAt,
    bool RecordedInvalid, string? ReportedHash, string? CurrentHash, DateTimeOffset? CurrentReleased, FirmwareState State)
{
    /// <summary>The vehicle reports a hash other than the recorded one (flashed without being recorded, or the reverse).</summary>
    public bool ReportDiffers => ReportedHash is not null && !string.Equals(ReportedHash, RecordedHash, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The firmware of one vehicle against the current releases.</summary>
/// <param name="Reported">Whether the vehicle's reported state could be read (false when the shadow service is unavailable).</param>
public sealed record VehicleFirmwareView(string Vin, int? ModelReleaseId, FirmwareState Overall, IReadOnlyList<ComponentFirmware> Components,
    bool AllowsGovernor, bool Reported)
{
    public IEnumerable<ComponentFirmware> Outdated => Components.Where(c => c.State != FirmwareState.UpToDate);
}

/// <summary>What is known of one vehicle, gathered for <see cref="FirmwareStatus.Evaluate"/>.</summary>
public sealed record VehicleFirmwareFacts(string Vin, int? ModelReleaseId, IReadOnlyDictionary<string, string> PartsByType,
    IReadOnlyList<VehicleFirmwareInstalled> Installed, IReadOnlyDictionary<string, string> Reported);

/// <summary>
/// The comparison of spec/portal.md §7.5, done on the server: a component is up to date when its recorded release is
/// the current release of the component the vehicle's parts call for; the vehicle is up to date when every component
/// is, behind when any is behind, and unknown otherwise (no record, or nothing released yet).
/// </summary>
public static class FirmwareStatus
{
    public static VehicleFirmwareView Evaluate(VehicleFirmwareFacts facts, IReadOnlyList<(string PartType, string Component)> hosts,
        IReadOnlyDictionary<string, FirmwareRelease> current, IReadOnlyCollection<FirmwareVersion> history, bool reportedRead = true)
    {
        var rows = new List<ComponentFirmware>();
        foreach (var (partType, component) in FirmwareCatalogue.ExpectedComponents(hosts, facts.PartsByType))
        {
            var release = FirmwareCatalogue.VariantFor(component, facts.PartsByType);
            var latest = current.GetValueOrDefault(release);
            var record = facts.Installed.FirstOrDefault(i => i.PartType == partType && i.Component == component);
            var recordedHash = record?.Release?.Hash;
            var state = latest is null || recordedHash is null ? FirmwareState.Unknown
                : string.Equals(recordedHash, latest.Hash, StringComparison.OrdinalIgnoreCase) ? FirmwareState.UpToDate
                : FirmwareState.Behind;
            rows.Add(new ComponentFirmware(partType, component, release, recordedHash, record?.Installed, record is not null && record.Release is null,
                facts.Reported.GetValueOrDefault(component), latest?.Hash, latest?.Created, state));
        }
        var overall = rows.Count == 0 ? FirmwareState.Unknown
            : rows.Any(r => r.State == FirmwareState.Behind) ? FirmwareState.Behind
            : rows.All(r => r.State == FirmwareState.UpToDate) ? FirmwareState.UpToDate
            : FirmwareState.Unknown;
        var comm = rows.FirstOrDefault(r => r.Component == FirmwareCatalogue.CommFirmware)?.RecordedHash;
        return new VehicleFirmwareView(facts.Vin, facts.ModelReleaseId, overall, rows, GovernorRule.AllowsGovernor(comm, history), reportedRead);
    }

    public static string Label(FirmwareState state) => state switch
    {
        FirmwareState.UpToDate => "Up to date",
        FirmwareState.Behind => "Behind",
        _ => "Unknown",
    };
}
