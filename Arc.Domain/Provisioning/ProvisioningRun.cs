namespace Arc.Domain.Provisioning;

public static class RunStatus
{
    public const string Running = "running";
    /// <summary>Being undone after a failure or an interruption; like a running run, it holds its VIN.</summary>
    public const string Compensating = "compensating";
    public const string Succeeded = "succeeded";
    public const string RolledBack = "rolled_back";
    public const string RollbackIncomplete = "rollback_incomplete";
}

public static class StepStatus
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Compensated = "compensated";
    public const string CompensationFailed = "compensation_failed";
    public const string NotNeeded = "not_needed";
}

/// <summary>One run of the provisioning saga, recorded so the operator sees which step failed and what was undone.</summary>
public class ProvisioningRun
{
    public long Id { get; set; }
    public required string Vin { get; set; }
    public required string Kind { get; set; }
    public required string Actor { get; set; }
    public DateTimeOffset Started { get; set; }
    public DateTimeOffset? Finished { get; set; }
    public string Status { get; set; } = RunStatus.Running;
    public string? Error { get; set; }

    /// <summary>Until when the process working on the run is presumed alive; renewed while it works, cleared when the run ends.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public List<ProvisioningStep> Steps { get; set; } = [];
}

public class ProvisioningStep
{
    public long RunId { get; set; }
    public int Index { get; set; }
    public required string Name { get; set; }
    public string Status { get; set; } = StepStatus.Pending;
    public DateTimeOffset? Started { get; set; }
    public DateTimeOffset? Finished { get; set; }
    /// <summary>What the step needs to undo itself (previous values); a secret in it is sealed by the key vault.</summary>
    public string? State { get; set; }
    public string? Error { get; set; }
}

/// <summary>Hooks around each step; production does nothing, tests make a chosen step fail or the process die after it.</summary>
public interface IProvisioningFaults
{
    Task BeforeStepAsync(string step, CancellationToken ct);

    Task AfterStepAsync(string step, CancellationToken ct) => Task.CompletedTask;
}

public sealed class NoProvisioningFaults : IProvisioningFaults
{
    public Task BeforeStepAsync(string step, CancellationToken ct) => Task.CompletedTask;
}
