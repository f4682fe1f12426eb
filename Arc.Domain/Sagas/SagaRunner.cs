using System.ComponentModel.DataAnnotations;
using Arc.Domain.Common;
using Arc.Domain.Provisioning;

namespace Arc.Domain.Sagas;

public sealed class SagaOptions
{
    public const string Section = "Portal:Sagas";

    /// <summary>
    /// How long a run stays claimed without a sign of life; the runner renews it every third of this while it works.
    /// A run whose claim has run out was interrupted (its process died), and the recovery job takes it over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the recovery job looks for interrupted runs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>A kind of saga: its steps in order and what is written when a run ends.</summary>
public interface ISagaDefinition<TContext>
{
    IReadOnlyList<ISagaStep<TContext>> Steps { get; }

    /// <summary>Added to the unit of work that records the new run (and takes its key).</summary>
    void OnStarted(IArcData data, ProvisioningRun run);

    /// <summary>Added to the unit of work that commits the last step and the run's success.</summary>
    void OnSucceeded(IArcData data, ProvisioningRun run, TContext context);

    /// <summary>Added to the unit of work that ends the run as rolled back; <paramref name="states"/> are the steps' stored states by name.</summary>
    void OnRolledBack(IArcData data, ProvisioningRun run, TContext context, IReadOnlyDictionary<string, string?> states);
}

/// <summary>
/// Runs a saga step by step. The run's record holds one row per step with its status and state; a step's database
/// changes commit with its row. The run holds a lease on its key (one active run per key, enforced by a unique index),
/// renewed while it works, so a run left by a dead process is found and compensated by <see cref="SagaRecovery"/>.
/// </summary>
public sealed class SagaRunner(IArcDataFactory dataFactory, SagaOptions options, IProvisioningFaults faults, UserSafeErrors errors, TimeProvider time)
{
    /// <summary>Records a new run holding the key; a second active run on the same key is refused.</summary>
    /// <exception cref="ConflictException">Another run on this key is in progress.</exception>
    public async Task<long> StartAsync<TContext>(string kind, string key, string actor, ISagaDefinition<TContext> saga, IReadOnlyList<string> stepNames,
        CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var now = time.GetUtcNow();
        var run = new ProvisioningRun
        {
            Vin = key, Kind = kind, Actor = actor, Started = now, LeaseUntil = now + options.Lease,
            Steps = stepNames.Select((name, index) => new ProvisioningStep { Index = index, Name = name }).ToList(),
        };
        data.Add(run);
        saga.OnStarted(data, run);
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (ConflictException)
        {
            throw await InProgressAsync(key, ct);
        }
        return run.Id;
    }

    private async Task<ConflictException> InProgressAsync(string key, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var active = await data.FirstOrDefaultAsync(data.ProvisioningRuns.Where(r => r.Vin == key && (r.Status == RunStatus.Running || r.Status == RunStatus.Compensating))
            .Select(r => new { r.Actor, r.Started, r.Status }), ct);
        var who = active is null ? "" : $" (started {active.Started:yyyy-MM-dd HH:mm:ss} UTC{(active.Status == RunStatus.Compensating ? ", now being rolled back" : "")})";
        return new ConflictException($"{key} is being provisioned right now{who}; wait for that run to finish, then try again.");
    }

    /// <returns>True when every step succeeded; otherwise the run has been compensated (see its record).</returns>
    public async Task<bool> RunAsync<TContext>(long runId, TContext context, ISagaDefinition<TContext> saga, CancellationToken ct)
    {
        await using var heartbeat = new Heartbeat(dataFactory, options, time, runId);
        for (var index = 0; index < saga.Steps.Count; index++)
        {
            var step = saga.Steps[index];
            var last = index == saga.Steps.Count - 1;
            heartbeat.ThrowIfLost();
            try
            {
                await faults.BeforeStepAsync(step.Name, ct);
                await ExecuteStepAsync(runId, index, step, context, last ? saga : null, heartbeat, ct);
            }
            catch (Exception e) when (e is not LostRunException && !(e is OperationCanceledException && ct.IsCancellationRequested))
            {
                await MarkFailedAsync(runId, index, e, ct);
                await heartbeat.StopAsync();
                await CompensateAsync(runId, context, saga, $"{step.Name}: {Describe(e)}", ct);
                return false;
            }
            await faults.AfterStepAsync(step.Name, ct);
        }
        return true;
    }

    private async Task ExecuteStepAsync<TContext>(long runId, int index, ISagaStep<TContext> step, TContext context, ISagaDefinition<TContext>? finishing,
        Heartbeat heartbeat, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var row = await StepAsync(data, runId, index, ct);
        row.Started = time.GetUtcNow();
        await data.SaveChangesAsync(ct);

        var result = await step.ExecuteAsync(context, new StepWork(data, (state, token) => CheckpointAsync(runId, index, state, token)), ct);
        row.Status = result.NotNeeded ? StepStatus.NotNeeded : StepStatus.Done;
        row.State = result.State;
        row.Finished = time.GetUtcNow();
        if (finishing is not null)
        {
            // The last step, the run's success and what it writes commit together: the run can no longer be rolled back.
            await heartbeat.StopAsync();
            var run = (await data.FirstOrDefaultAsync(data.ProvisioningRuns.Where(r => r.Id == runId), ct))!;
            if (run.Status != RunStatus.Running)
                throw new LostRunException();
            run.Status = RunStatus.Succeeded;
            run.Finished = time.GetUtcNow();
            run.LeaseUntil = null;
            finishing.OnSucceeded(data, run, context);
        }
        await data.SaveChangesAsync(ct);
    }

    private async Task CheckpointAsync(long runId, int index, string state, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var row = await StepAsync(data, runId, index, ct);
        row.State = state;
        await data.SaveChangesAsync(ct);
    }

    private async Task MarkFailedAsync(long runId, int index, Exception e, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var row = await StepAsync(data, runId, index, ct);
        row.Status = StepStatus.Failed;
        row.Error = Describe(e);
        row.Finished = time.GetUtcNow();
        await data.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Undoes, newest first, every step whose record holds a state (done, failed after its checkpoint, or interrupted),
    /// each with its record in one unit of work, then ends the run as rolled back.
    /// </summary>
    public async Task CompensateAsync<TContext>(long runId, TContext context, ISagaDefinition<TContext> saga, string? error, CancellationToken ct)
    {
        await using var heartbeat = new Heartbeat(dataFactory, options, time, runId);
        await using (var data = dataFactory.Open())
        {
            var run = (await data.FirstOrDefaultAsync(data.ProvisioningRuns.Where(r => r.Id == runId), ct))!;
            run.Status = RunStatus.Compensating;
            run.Error ??= error;
            run.LeaseUntil = time.GetUtcNow() + options.Lease;
            await data.SaveChangesAsync(ct);
        }
        var complete = true;
        var states = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var index = saga.Steps.Count - 1; index >= 0; index--)
        {
            heartbeat.ThrowIfLost();
            var step = saga.Steps[index];
            await using var data = dataFactory.Open();
            var row = await StepAsync(data, runId, index, ct);
            states[step.Name] = row.State;
            if (row.State is null || row.Status is StepStatus.NotNeeded or StepStatus.Compensated)
                continue;
            try
            {
                await step.CompensateAsync(context, new StepWork(data, (_, _) => Task.CompletedTask), row.State, ct);
                // The failed step keeps its failure on record; what it half-did is undone all the same.
                if (row.Status != StepStatus.Failed)
                    row.Status = StepStatus.Compensated;
                row.Finished ??= time.GetUtcNow();
                await data.SaveChangesAsync(ct);
            }
            catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
            {
                complete = false;
                await using var failed = dataFactory.Open();
                var record = await StepAsync(failed, runId, index, ct);
                record.Status = StepStatus.CompensationFailed;
                record.Error = Describe(e);
                await failed.SaveChangesAsync(ct);
            }
        }
        await heartbeat.StopAsync();
        await using (var data = dataFactory.Open())
        {
            var run = (await data.FirstOrDefaultAsync(data.ProvisioningRuns.Where(r => r.Id == runId), ct))!;
            run.Status = complete ? RunStatus.RolledBack : RunStatus.RollbackIncomplete;
            run.Finished = time.GetUtcNow();
            run.LeaseUntil = null;
            saga.OnRolledBack(data, run, context, states);
            await data.SaveChangesAsync(ct);
        }
    }

    /// <summary>Takes over a run whose lease has run out; false when another node took it first or it is alive after all.</summary>
    public async Task<bool> ClaimInterruptedAsync(long runId, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var run = await data.FirstOrDefaultAsync(data.ProvisioningRuns.Where(r => r.Id == runId), ct);
        var now = time.GetUtcNow();
        if (run is null || run.Status is not (RunStatus.Running or RunStatus.Compensating) || run.LeaseUntil > now)
            return false;
        run.Status = RunStatus.Compensating;
        run.Error ??= "Interrupted: the portal stopped during this run.";
        run.LeaseUntil = now + options.Lease;
        try
        {
            await data.SaveChangesAsync(ct);
            return true;
        }
        catch (ConflictException)
        {
            return false;
        }
    }

    private static async Task<ProvisioningStep> StepAsync(IArcData data, long runId, int index, CancellationToken ct) =>
        (await data.FirstOrDefaultAsync(data.ProvisioningSteps.Where(s => s.RunId == runId && s.Index == index), ct))!;

    /// <summary>A step's own refusal is shown as it is; anything else is a plain sentence with a reference, the detail going to the log.</summary>
    private string Describe(Exception e) => errors.Describe(e, "The step failed unexpectedly");

    /// <summary>Renews the run's lease while it works; stopping it lets the run's final write take the row.</summary>
    private sealed class Heartbeat : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private volatile bool _lost;

        public Heartbeat(IArcDataFactory dataFactory, SagaOptions options, TimeProvider time, long runId) => _loop = LoopAsync(dataFactory, options, time, runId);

        private async Task LoopAsync(IArcDataFactory dataFactory, SagaOptions options, TimeProvider time, long runId)
        {
            var period = options.Lease / 3;
            try
            {
                while (true)
                {
                    await Task.Delay(period, time, _stop.Token);
                    await using var data = dataFactory.Open();
                    var run = await data.FirstOrDefaultAsync(data.ProvisioningRuns.Where(r => r.Id == runId), _stop.Token);
                    if (run is null || run.Status is not (RunStatus.Running or RunStatus.Compensating))
                        return;
                    run.LeaseUntil = time.GetUtcNow() + options.Lease;
                    try
                    {
                        await data.SaveChangesAsync(_stop.Token);
                    }
                    catch (ConflictException)
                    {
                        // Someone took the run over (this process was presumed dead): stop before doing anything more.
                        _lost = true;
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception)
            {
                // The database is unreachable: the next step will find out; the lease simply runs out meanwhile.
            }
        }

        public void ThrowIfLost()
        {
            if (_lost)
                throw new LostRunException();
        }

        public async Task StopAsync()
        {
            if (!_stop.IsCancellationRequested)
                await _stop.CancelAsync();
            await _loop;
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }
    }
}

/// <summary>The run was taken over by recovery while this process still worked on it; this process stops touching it.</summary>
public sealed class LostRunException() : DomainException("This run was taken over by the recovery job; see the run's record for how it ended.");
