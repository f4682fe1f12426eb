namespace Arc.Domain.Models;

/// <summary>
/// A quality inspection recorded on a vehicle before delivery (the old panel showed the checks and recorded nothing):
/// who inspected, the result, what the firmware check found at that moment and the inspector's remarks.
/// </summary>
public class QualityInspection
{
    public const int MaxRemarksLength = 2000;

    public int Id { get; set; }
    public required string Vin { get; set; }
    public required string Inspector { get; set; }
    public DateTimeOffset Inspected { get; set; }
    public bool Passed { get; set; }
    /// <summary>Whether every firmware component was the current release when the inspection was recorded.</summary>
    public bool FirmwareUpToDate { get; set; }
    /// <summary>The components that were behind or unknown then, comma separated (empty when up to date).</summary>
    public required string OutdatedComponents { get; set; }
    public required string Remarks { get; set; }
}
