using System.Text.Json;
using Arc.Domain.Common;

namespace Arc.Domain.Sagas;

/// <summary>What a step returns: its state as stored (what its compensation needs) and whether it had nothing to do.</summary>
public sealed record StepResult(string? State, bool NotNeeded);

/// <summary>
/// What the runner gives a step: the unit of work that commits together with the step's record (so a step that only
/// changes the database is done or not done, never half), and a checkpoint that stores the step's state at once,
/// before the step calls a service outside the database.
/// </summary>
public sealed class StepWork(IArcData data, Func<string, CancellationToken, Task> checkpoint)
{
    public IArcData Data => data;

    public Task CheckpointAsync(string state, CancellationToken ct) => checkpoint(state, ct);
}

/// <summary>One step of a saga with its compensation, as the runner sees it.</summary>
public interface ISagaStep<in TContext>
{
    string Name { get; }

    Task<StepResult> ExecuteAsync(TContext context, StepWork work, CancellationToken ct);

    /// <summary>Undoes what the stored state says the step did (or may have done, for a step interrupted after its checkpoint).</summary>
    Task CompensateAsync(TContext context, StepWork work, string state, CancellationToken ct);
}

/// <summary>
/// A step with a typed state record. The state is everything its compensation needs, kept in the step's record (a
/// secret in it is sealed by the step itself), so a run interrupted by a crash can be undone by another process.
/// </summary>
public abstract class SagaStep<TContext, TState> : ISagaStep<TContext> where TState : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public abstract string Name { get; }

    protected abstract Task<(TState State, bool NotNeeded)> RunAsync(TContext context, StepWork work, CancellationToken ct);

    protected abstract Task UndoAsync(TContext context, StepWork work, TState state, CancellationToken ct);

    /// <summary>Stores the state now: what a compensation must undo should the process die during the call that follows.</summary>
    protected static Task CheckpointAsync(StepWork work, TState state, CancellationToken ct) => work.CheckpointAsync(JsonSerializer.Serialize(state, Json), ct);

    public async Task<StepResult> ExecuteAsync(TContext context, StepWork work, CancellationToken ct)
    {
        var (state, notNeeded) = await RunAsync(context, work, ct);
        return new StepResult(JsonSerializer.Serialize(state, Json), notNeeded);
    }

    public Task CompensateAsync(TContext context, StepWork work, string state, CancellationToken ct) =>
        UndoAsync(context, work, JsonSerializer.Deserialize<TState>(state, Json)!, ct);

}

public static class StepStates
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A step's stored state, read back as its record type.</summary>
    public static TState? Read<TState>(string? state) where TState : class => state is null ? null : JsonSerializer.Deserialize<TState>(state, Json);
}

/// <summary>A step that has nothing to do in this system (kept so that the step list matches the one operators know).</summary>
public sealed class NotNeededStep<TContext>(string name) : ISagaStep<TContext>
{
    public string Name => name;

    public Task<StepResult> ExecuteAsync(TContext context, StepWork work, CancellationToken ct) => Task.FromResult(new StepResult(null, true));

    public Task CompensateAsync(TContext context, StepWork work, string state, CancellationToken ct) => Task.CompletedTask;
}
