using Arc.Domain.SideEffects;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Arc.Infrastructure.SideEffects;

/// <summary>
/// Wakes the outbox worker of this node as soon as a transaction that wrote side effects has committed. Other nodes
/// (and a node that restarts) find the rows on their next poll.
/// </summary>
public sealed class OutboxSignal : SaveChangesInterceptor, IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _writing = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.ChangeTracker.Entries<SideEffect>().Any(e => e.State == EntityState.Added))
            _writing.AddOrUpdate(context, this);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _writing.Remove(context))
            Wake();
        return ValueTask.FromResult(result);
    }

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);

    public void Dispose() => _wake.Dispose();
}

/// <summary>
/// Carries out the side effects of committed changes: takes due rows with a lease (<c>FOR UPDATE SKIP LOCKED</c>, so
/// several nodes share the work and a row is run by one of them at a time), runs each, and records success or the
/// failure with the next attempt. A node that dies mid-row leaves a lease that runs out, and another node runs it again.
/// </summary>
public sealed partial class OutboxWorker(IDbContextFactory<ArcDbContext> contexts, IServiceScopeFactory scopes, OutboxSignal signal,
    OutboxOptions options, TimeProvider time, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database itself is unreachable: wait for the next poll, the rows are safe where they are.
                LogPollFailed(logger, e);
            }
            if (handled < options.BatchSize)
            {
                try
                {
                    await signal.WaitAsync(options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Runs one batch of due rows; returns how many it took.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var claimed = await ClaimAsync(ct);
        foreach (var effect in claimed)
        {
            await using var scope = scopes.CreateAsyncScope();
            var executor = scope.ServiceProvider.GetRequiredService<SideEffectExecutor>();
            SideEffectOutcome outcome;
            try
            {
                outcome = await executor.CarryOutAsync(effect, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await ReleaseAsync(effect.Id);
                throw;
            }
            catch (Exception e)
            {
                var reference = Guid.NewGuid().ToString("N")[..12];
                LogFailed(logger, e, effect.Kind, effect.Vin, effect.Attempts + 1, reference);
                await executor.FailAsync(effect, SideEffectExecutor.SafeMessage(effect, e, reference), CancellationToken.None);
                continue;
            }
            await executor.CompleteAsync(effect, outcome, CancellationToken.None);
        }
        return claimed.Count;
    }

    private async Task<List<SideEffect>> ClaimAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var until = now + options.Lease;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Set<SideEffect>().FromSqlInterpolated($"""
            UPDATE main.side_effect SET lease_until = {until}
            WHERE id IN (SELECT id FROM main.side_effect
                         WHERE next_attempt <= {now} AND (lease_until IS NULL OR lease_until < {now})
                         ORDER BY id LIMIT {options.BatchSize} FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(r => r.Id).ToList();
    }

    private async Task ReleaseAsync(long id)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.Set<SideEffect>().Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Side effect {Kind} for {Vin} failed (attempt {Attempt}, reference {Reference}); it will be retried")]
    private static partial void LogFailed(ILogger logger, Exception exception, string kind, string vin, int attempt, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox worker could not read its queue; it tries again at the next poll")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
