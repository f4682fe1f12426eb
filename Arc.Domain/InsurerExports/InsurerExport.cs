using System.ComponentModel.DataAnnotations;
using Arc.Domain.Common;

namespace Arc.Domain.InsurerExports;

public static class InsurerExportStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    /// <summary>The last attempt failed (the reason is kept); the daily schedule and a person can run it again.</summary>
    public const string Failed = "failed";
}

/// <summary>
/// The monthly export to the insurer Y-Risk (spec/backend.md §1.22, §7.11) of one calendar month: one row per month,
/// so producing a month again replaces its file and updates its row rather than adding a second.
/// </summary>
public class InsurerExport
{
    public long Id { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    /// <summary>The file's key in the file store, <c>&lt;prefix&gt;&lt;year&gt;_&lt;month&gt;[_&lt;env&gt;].json</c>.</summary>
    public required string FileKey { get; set; }
    public string Status { get; set; } = InsurerExportStatus.Queued;
    /// <summary>Who asked for the latest run, or <c>system</c> for the schedule.</summary>
    public required string RequestedBy { get; set; }
    public DateTimeOffset Requested { get; set; }
    public DateTimeOffset? Produced { get; set; }
    public int Attempts { get; set; }
    public int Vehicles { get; set; }
    public int UnknownOdometers { get; set; }
    /// <summary>The VINs without any odometer, comma-separated (they are named in the announcement).</summary>
    public string UnknownVins { get; set; } = "";
    public long Size { get; set; }
    public string? Error { get; set; }

    public ExportMonth Period => new(Year, Month);
}

/// <summary><c>InsurerExport</c>: where the file goes and who is told.</summary>
public sealed class InsurerExportOptions
{
    public const string Section = "InsurerExport";

    /// <summary>The insurer's client folder, as the old export wrote it.</summary>
    [RegularExpression("^([A-Za-z0-9._-]+/)*$", ErrorMessage = "InsurerExport:KeyPrefix must be folder names ending with '/', or empty.")]
    public string KeyPrefix { get; set; } = "9a4im0t0-36a1-41b5-92a0-ac660f76c37e/";

    /// <summary>Who is told an export is ready; by default the old list, <c>yrisk-monthly-export[-env]@arcimoto.com</c>.</summary>
    public string? Recipient { get; set; }

    public string RecipientFor(DeploymentEnvironment environment) => Recipient is { Length: > 0 } r ? r
        : environment == DeploymentEnvironment.Prod ? "yrisk-monthly-export@arcimoto.com"
        : $"yrisk-monthly-export-{environment.ToString().ToLowerInvariant()}@arcimoto.com";
}

public sealed record InsurerExportView(long Id, string Month, string Status, DateTimeOffset Requested, string RequestedBy, DateTimeOffset? Produced,
    int Vehicles, int UnknownOdometers, string? Error, string FileName)
{
    public static InsurerExportView Of(InsurerExport e) => new(e.Id, e.Period.ToString(), e.Status, e.Requested, e.RequestedBy, e.Produced,
        e.Vehicles, e.UnknownOdometers, e.Error, e.FileKey[(e.FileKey.LastIndexOf('/') + 1)..]);

    public bool Ready => Status == InsurerExportStatus.Done;
}

/// <summary>Stable audit action codes of the insurer export.</summary>
public static class InsurerExportAuditActions
{
    public const string Requested = "insurer_export.requested";
    public const string Produced = "insurer_export.produced";
    public const string Failed = "insurer_export.failed";
    public const string Downloaded = "insurer_export.downloaded";
    public const string Entity = "InsurerExport";
}
