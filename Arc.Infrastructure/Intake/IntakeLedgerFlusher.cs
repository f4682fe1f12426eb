using Arc.Domain.Changes;
using Arc.Domain.Intake;
using Arc.Infrastructure.Hosting;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Arc.Infrastructure.Intake;

/// <summary>
/// Writes the intake's counts every few seconds: one upsert for all vehicles heard from (adding to their totals, so
/// several nodes can share the table), one interval row for the fleet, and a sample of the refusals. A flush that
/// fails puts its counts back for the next one.
/// </summary>
public sealed partial class IntakeLedgerFlusher(IntakeLedger ledger, IDbContextFactory<ArcDbContext> contexts, IChangeFeed changes, TimeProvider time,
    IOptions<IntakeOptions> options, ILogger<IntakeLedgerFlusher> logger) : FlushingService(options.Value.FlushInterval, time)
{
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;
    private readonly SemaphoreSlim _flushing = new(1, 1);

    protected override Task FlushPendingAsync(CancellationToken ct) => FlushAsync(ct);

    /// <summary>Stores what was counted since the last flush (tests call it to see counts at once).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        // One flush at a time: a caller that asks while one is storing gets its answer after it.
        await _flushing.WaitAsync(ct);
        try
        {
            await FlushOnceAsync(ct);
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task FlushOnceAsync(CancellationToken ct)
    {
        var tally = ledger.Take();
        if (tally.IsEmpty)
            return;
        try
        {
            await StoreAsync(tally, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            ledger.Restore(tally);
            LogFlushFailed(logger, e);
            return;
        }
        catch (OperationCanceledException)
        {
            ledger.Restore(tally);
            throw;
        }
        changes.Publish(new Change(ChangeTopics.Intake, ChangeTopics.IntakeKey));
        if (Time.GetUtcNow() - _lastPrune > TimeSpan.FromMinutes(10))
            await PruneAsync(ct);
    }

    private async Task StoreAsync(IntakeLedger.Tally tally, CancellationToken ct)
    {
        var now = Time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (tally.Vehicles.Count > 0)
        {
            var rows = tally.Vehicles.OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO intake.vehicle_stats AS s (vin, received, written, points, late, duplicate, refused, dead_lettered, last_seen, last_received, last_lag_ms)
                SELECT * FROM unnest(@vin, @received, @written, @points, @late, @duplicate, @refused, @dead, @seen, @heard, @lag)
                ON CONFLICT (vin) DO UPDATE SET
                    received = s.received + excluded.received, written = s.written + excluded.written, points = s.points + excluded.points,
                    late = s.late + excluded.late, duplicate = s.duplicate + excluded.duplicate, refused = s.refused + excluded.refused,
                    dead_lettered = s.dead_lettered + excluded.dead_lettered,
                    last_seen = GREATEST(s.last_seen, excluded.last_seen), last_received = GREATEST(s.last_received, excluded.last_received),
                    last_lag_ms = COALESCE(excluded.last_lag_ms, s.last_lag_ms)
                """,
                [
                    Array("vin", NpgsqlDbType.Text, rows.Select(r => r.Key)),
                    Array("received", NpgsqlDbType.Bigint, rows.Select(r => r.Value.Received)),
                    Array("written", NpgsqlDbType.Bigint, rows.Select(r => r.Value.Written)),
                    Array("points", NpgsqlDbType.Bigint, rows.Select(r => r.Value.Points)),
                    Array("late", NpgsqlDbType.Bigint, rows.Select(r => r.Value.Late)),
                    Array("duplicate", NpgsqlDbType.Bigint, rows.Select(r => r.Value.Duplicate)),
                    Array("refused", NpgsqlDbType.Bigint, rows.Select(r => r.Value.Refused)),
                    Array("dead", NpgsqlDbType.Bigint, rows.Select(r => r.Value.DeadLettered)),
                    Array("seen", NpgsqlDbType.TimestampTz, rows.Select(r => r.Value.LastSeen?.UtcDateTime)),
                    Array("heard", NpgsqlDbType.TimestampTz, rows.Select(r => r.Value.LastReceived?.UtcDateTime)),
                    Array("lag", NpgsqlDbType.Integer, rows.Select(r => r.Value.LastLagMs)),
                ], ct);
        }
        db.Add(new IntakeInterval
        {
            Start = tally.Start ?? now, End = now, Received = tally.Received, Written = tally.Written, Points = tally.Points, Late = tally.Late,
            Duplicate = tally.Duplicate, Refused = tally.Refused, DeadLettered = tally.DeadLettered, Failed = tally.Failed,
            LagBuckets = tally.LagBuckets.Select(b => (int)Math.Min(b, int.MaxValue)).ToArray(),
        });
        db.AddRange(tally.Refusals);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task PruneAsync(CancellationToken ct)
    {
        _lastPrune = Time.GetUtcNow();
        var before = _lastPrune - options.Value.Retention;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.Set<IntakeInterval>().Where(i => i.End < before).ExecuteDeleteAsync(ct);
            await db.Set<IntakeRefusal>().Where(r => r.At < before).ExecuteDeleteAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFlushFailed(logger, e);
        }
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, IEnumerable<T> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The intake's counts could not be stored; they are kept for the next attempt")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
