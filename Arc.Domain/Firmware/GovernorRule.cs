namespace Arc.Domain.Firmware;

/// <summary>
/// Whether a vehicle's Comm firmware can apply a speed governor (<c>allows_governor</c>, spec/backend.md §2.2, §2.5):
/// the Comm Firmware hash recorded on the vehicle is a deployed hash dated on or after 2021-01-23 08:31:00 (UTC), the
/// first build that understood <c>option_governor_max_speed</c>. An unknown or older hash does not allow it.
/// </summary>
public static class GovernorRule
{
    public static readonly DateTimeOffset FirstGovernorBuild = new(2021, 1, 23, 8, 31, 0, TimeSpan.Zero);

    /// <summary>The names the Comm firmware's history is kept under (the general one and the Discoboard's).</summary>
    public static readonly IReadOnlySet<string> CommComponents = new HashSet<string>(StringComparer.Ordinal)
    {
        FirmwareCatalogue.CommFirmware, $"{FirmwareCatalogue.DiscoboardCommPart} {FirmwareCatalogue.CommFirmware}",
    };

    public static bool AllowsGovernor(string? commFirmwareHash, IEnumerable<FirmwareVersion> history) =>
        !string.IsNullOrEmpty(commFirmwareHash)
        && history.Any(v => CommComponents.Contains(v.Component) && string.Equals(v.Hash, commFirmwareHash, StringComparison.OrdinalIgnoreCase)
                            && v.Created >= FirstGovernorBuild);
}
