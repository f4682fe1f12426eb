using Arc.Domain.Provisioning;

namespace Arc.Infrastructure.Provisioning;

/// <summary>
/// The crash drill (Development only, <c>Portal:Faults:KillAfterStep</c>): the portal process kills itself with SIGKILL
/// right after the named provisioning step has committed, exactly as a power cut or an OOM kill would. Starting the
/// portal again shows the recovery job rolling the run back (see docs/decisions/0015-outbox-and-saga-runner.md).
/// </summary>
public sealed class CrashDrillFaults(string killAfterStep) : IProvisioningFaults
{
    public const string Setting = "Portal:Faults:KillAfterStep";

    public Task BeforeStepAsync(string step, CancellationToken ct) => Task.CompletedTask;

    public Task AfterStepAsync(string step, CancellationToken ct)
    {
        if (string.Equals(step, killAfterStep, StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"Crash drill: killing the portal after step {step}.");
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }
        return Task.CompletedTask;
    }
}
