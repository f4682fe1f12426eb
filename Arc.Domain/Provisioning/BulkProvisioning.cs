using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning;

public static class BulkJobStatus
{
    /// <summary>Checked and waiting for the operator to confirm; nothing has been provisioned.</summary>
    public const string Planned = "planned";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Finished = "finished";
}

public static class BulkRowStatus
{
    /// <summary>Refused by the dry run; never provisioned.</summary>
    public const string Rejected = "rejected";
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}

/// <summary>An uploaded bulk-provisioning file: its rows, checked, then provisioned one by one by a background job.</summary>
public class BulkProvisioningJob
{
    public long Id { get; set; }
    public required string FileName { get; set; }
    /// <summary>The uploader; the job runs with their permissions and only they may download the identity files.</summary>
    public required string Actor { get; set; }
    public DateTimeOffset Created { get; set; }
    public string Status { get; set; } = BulkJobStatus.Planned;
    public DateTimeOffset? Started { get; set; }
    public DateTimeOffset? Finished { get; set; }
    /// <summary>When the sealed identity files were deleted (downloaded and discarded, or expired).</summary>
    public DateTimeOffset? IdentitiesPurged { get; set; }
    public List<BulkProvisioningRow> Rows { get; set; } = [];
}

public class BulkProvisioningRow
{
    public long JobId { get; set; }
    public int Line { get; set; }
    /// <summary>The row as uploaded (shortened), for the report.</summary>
    public required string Text { get; set; }
    public string? Vin { get; set; }
    public int? ModelReleaseId { get; set; }
    public bool HeatedSeats { get; set; }
    public bool HeatedGrips { get; set; }
    public bool StereoEnabled { get; set; }
    public bool ManagedSessionMode { get; set; }
    public string Status { get; set; } = BulkRowStatus.Pending;
    public string? Problem { get; set; }
    public int Attempts { get; set; }
    /// <summary>The last provisioning run of this row (its steps are on the vehicle's provisioning record).</summary>
    public long? RunId { get; set; }
    public DateTimeOffset? Finished { get; set; }
    /// <summary>
    /// Until when the worker running this row holds it (renewed while it runs). A running row whose claim has lapsed
    /// was interrupted and may be resumed; one with a live claim belongs to another worker.
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
    /// <summary>The identity file (with the device's private key), sealed by the key vault until the operator takes it.</summary>
    public string? IdentityKeyReference { get; set; }
    public byte[]? IdentityCiphertext { get; set; }
}

public sealed record BulkJobSummary(long Id, string FileName, string Actor, string ActorName, DateTimeOffset Created, string Status, int Total, int Rejected, int Pending,
    int Running, int Succeeded, int Failed, int IdentityFiles, DateTimeOffset? Started, DateTimeOffset? Finished, DateTimeOffset? IdentitiesPurged)
{
    public int Accepted => Total - Rejected;
    public int Done => Succeeded + Failed;
    public bool IsActive => Status is BulkJobStatus.Queued or BulkJobStatus.Running;
}

/// <summary>The kinds of background work bulk provisioning queues.</summary>
public static class BulkJobKinds
{
    public const string Run = "bulk-provisioning";
    public const string PurgeIdentities = "bulk-identities-purge";
}
