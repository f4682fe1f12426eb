using Arc.Domain.Common;

namespace Arc.Domain.Recalls;

/// <summary>
/// A recall campaign (spec/backend.md §1.13, §2 <c>recalls</c>): what is wrong, its NHTSA campaign number, the maker's
/// own number, the dates a US recall desk reports and the owner warnings. A deleted campaign keeps its row
/// (<see cref="RecallStatus.Deleted"/>) and is hidden unless a reader asks for it.
/// </summary>
public class Recall : IVersioned
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxManufacturerNumberLength = 50;
    public const int MaxComponentLength = 200;

    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    /// <summary>Normalised, nine characters: <c>23V862000</c> (<see cref="NhtsaCampaignNumber"/>).</summary>
    public required string NhtsaNumber { get; set; }
    public string? ManufacturerNumber { get; set; }
    /// <summary>ISO 3166-1 alpha-3, upper case; USA unless told otherwise, as the old table.</summary>
    public string Country { get; set; } = "USA";
    public bool SafetyRecall { get; set; }
    /// <summary>Required for a safety recall, null otherwise.</summary>
    public string? SafetyDescription { get; set; }
    public string? Component { get; set; }
    public DateOnly? DeterminationDate { get; set; }
    public DateOnly? ReportSubmittedDate { get; set; }
    public DateOnly? OwnerNotificationDate { get; set; }
    public bool DoNotDrive { get; set; }
    public bool ParkOutside { get; set; }
    public RecallStatus Status { get; set; } = RecallStatus.Active;
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public uint Version { get; set; }
}

public enum RecallStatus
{
    Active = 0,
    Deleted = 1,
}

/// <summary>How a recall is remedied: an update sent over the air, a repair at a dealer, or either.</summary>
public enum RemedyType
{
    OverTheAir = 0,
    DealerRepair = 1,
    Both = 2,
}

/// <summary>The remedy of one recall; a recall has at most one (a unique index on <see cref="RecallId"/>).</summary>
public class RecallRemedy : IVersioned
{
    public const int MaxDescriptionLength = 4000;

    public int Id { get; set; }
    public int RecallId { get; set; }
    public required string Description { get; set; }
    public RemedyType Type { get; set; }
    public DateTimeOffset Date { get; set; }
    /// <summary>The firmware component whose release fixes the defect (over the air or both); null when none is named.</summary>
    public string? FirmwareComponent { get; set; }
    /// <summary>The recorded release (hash) of <see cref="FirmwareComponent"/> that fixes it; set exactly with the component.</summary>
    public string? FirmwareHash { get; set; }
    public uint Version { get; set; }

    /// <summary>The remedy firmware, when the remedy is sent over the air and names it.</summary>
    public RemedyFirmware? Firmware => FirmwareComponent is { } c && FirmwareHash is { } h ? new RemedyFirmware(c, h) : null;
}

/// <summary>
/// One bump of the recall data's "last updated" time, which the public lookup answers (the old <c>meta</c> rows of
/// section <c>recall_data_update</c>; see docs/decisions for why it is its own table).
/// </summary>
public class RecallDataUpdate
{
    public long Id { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Stable audit action codes of recalls and remedies.</summary>
public static class RecallAuditActions
{
    public const string Created = "recall.created";
    public const string Edited = "recall.edited";
    public const string Deleted = "recall.deleted";
    public const string RemedyCreated = "recall_remedy.created";
    public const string RemedyEdited = "recall_remedy.edited";
    public const string RemedyDeleted = "recall_remedy.deleted";
    /// <summary>A vehicle's entry became remedied because the vehicle reported the remedy firmware.</summary>
    public const string RemediedOverTheAir = "recall.vehicle_remedied_over_the_air";
    public const string RecallEntity = "Recall";
}
