using Arc.Domain.Common;

namespace Arc.Domain.Recalls;

/// <summary>
/// One vehicle in one recall (the old <c>vehicle_recalls</c>, spec/backend.md §1.13): at most one entry per VIN per recall
/// (a unique index), with where the vehicle stands: open until it is remedied, inspected and found not to need the
/// remedy, or found unreachable for a reason a 573 report counts.
/// </summary>
public class RecallVehicle : IVersioned
{
    public const int MaxServiceReferenceLength = 100;
    public const int MaxReasonNoteLength = 500;

    public long Id { get; set; }
    public int RecallId { get; set; }
    public required string Vin { get; set; }
    public RecallVehicleStatus Status { get; set; } = RecallVehicleStatus.Open;
    /// <summary>When the vehicle was remedied or inspected; null while open or unreachable.</summary>
    public DateOnly? ServiceDate { get; set; }
    /// <summary>The work order or other record of the service, as the dealer names it.</summary>
    public string? ServiceReference { get; set; }
    /// <summary>Why an unreachable vehicle cannot be remedied; null unless unreachable.</summary>
    public UnreachableReason? UnreachableReason { get; set; }
    /// <summary>What happened, in words; required when the reason is <see cref="Recalls.UnreachableReason.Other"/>.</summary>
    public string? ReasonNote { get; set; }
    /// <summary>The evidence of a remedy sent over the air: what the vehicle reported, when and through which path; null otherwise.</summary>
    public string? OtaComponent { get; set; }
    public string? OtaHash { get; set; }
    public DateTimeOffset? OtaReportedAt { get; set; }
    public FirmwareReportSource? OtaSource { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public required string AddedBy { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
    public uint Version { get; set; }
}

/// <summary>Where a vehicle stands in a recall; stored as its name.</summary>
public enum RecallVehicleStatus
{
    Open = 0,
    Remedied = 1,
    /// <summary>Inspected and found not to need the remedy (a part from an unaffected lot, say).</summary>
    Inspected = 2,
    Unreachable = 3,
}

/// <summary>Why a vehicle cannot be remedied, the categories a recall's quarterly report counts.</summary>
public enum UnreachableReason
{
    Exported = 0,
    Stolen = 1,
    Scrapped = 2,
    OwnerUnknown = 3,
    Other = 4,
}

/// <summary>A vehicle's entry as a page shows it, with its recall's number and title.</summary>
public sealed record RecallVehicleView(long Id, int RecallId, string NhtsaNumber, string Title, string Vin, RecallVehicleStatus Status,
    DateOnly? ServiceDate, string? ServiceReference, UnreachableReason? UnreachableReason, string? ReasonNote, DateTimeOffset AddedAt, string AddedBy,
    DateTimeOffset? ChangedAt, string? ChangedBy, uint Version, OverTheAirEvidence? OverTheAir = null);

/// <summary>The state an edit gives a vehicle's entry.</summary>
public sealed record RecallVehicleDraft(RecallVehicleStatus Status, DateOnly? ServiceDate = null, string? ServiceReference = null,
    UnreachableReason? UnreachableReason = null, string? ReasonNote = null);

/// <summary>Stable audit action codes of vehicles in recalls.</summary>
public static class RecallVehicleAuditActions
{
    public const string Added = "recall.vehicles_added";
    public const string Removed = "recall.vehicle_removed";
    public const string Edited = "recall.vehicle_edited";
    public const string Serviced = "recall.vehicles_serviced";
}
