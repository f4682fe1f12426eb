using System.ComponentModel.DataAnnotations;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Telemetry;

/// <summary>A raw-data export of a vehicle's points over a range, made in the background (it can be millions of rows).</summary>
public class TelemetryExport
{
    public long Id { get; set; }
    public required string Vin { get; set; }
    /// <summary>The points, comma-separated.</summary>
    public required string Points { get; set; }
    public DateTimeOffset From { get; set; }
    public DateTimeOffset To { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset? Finished { get; set; }
    public string Status { get; set; } = BackfillStatus.Queued;
    public int Rows { get; set; }
    public string? Error { get; set; }
    /// <summary>The CSV, gzip-compressed, until it expires (<see cref="TelemetryExportOptions.Retention"/> after it was made).</summary>
    public byte[]? Content { get; set; }
}

/// <summary><c>Telemetry:Exports</c>: how long a finished export's file is kept before <see cref="ExpireTelemetryExports"/> removes it.</summary>
public sealed class TelemetryExportOptions
{
    public const string Section = "Telemetry:Exports";

    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00", ErrorMessage = "Telemetry:Exports:Retention must be between 01:00:00 and 365.00:00:00.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}

public sealed record ExportView(long Id, string Points, DateTimeOffset From, DateTimeOffset To, string Status, int Rows, bool Ready, string? Error)
{
    public static ExportView Of(TelemetryExport e) => new(e.Id, e.Points, e.From, e.To, e.Status, e.Rows, e.Content is not null, e.Error);
}
