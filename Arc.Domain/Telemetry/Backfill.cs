using Arc.Domain.Vehicles;

namespace Arc.Domain.Telemetry;

public static class BackfillStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
    /// <summary>Exports only: the file was removed after the retention period; the record of the export stays.</summary>
    public const string Expired = "expired";
}

/// <summary>An uploaded backfill file (spec/backend.md §6.7), kept until its job has written it.</summary>
public class TelemetryBackfill
{
    public long Id { get; set; }
    public required string Vin { get; set; }
    public required string FileName { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset? Finished { get; set; }
    public string Status { get; set; } = BackfillStatus.Queued;
    public int Lines { get; set; }
    public int Samples { get; set; }
    public int Written { get; set; }
    public string? Error { get; set; }
    /// <summary>The file itself, removed once written.</summary>
    public byte[]? Content { get; set; }
}

public sealed record BackfillView(long Id, string FileName, DateTimeOffset Created, string Status, int Lines, int Samples, int Written, string? Error, DateTimeOffset? Finished)
{
    public static BackfillView Of(TelemetryBackfill b) => new(b.Id, b.FileName, b.Created, b.Status, b.Lines, b.Samples, b.Written, b.Error, b.Finished);
}
