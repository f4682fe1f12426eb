using Arc.Domain.Telemetry;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Arc.Infrastructure.Telemetry;

/// <summary>
/// The latest-telemetry read model (decision 0039). Every write to the telemetry store is folded in memory here
/// (<see cref="Observe"/>), and <see cref="LatestTelemetryFlusher"/> stores what changed every second in one upsert,
/// so a busy intake costs no database write per message. A read takes the stored rows in one statement and lays what
/// this node has not stored yet over them; a vehicle with no row at all is looked up in InfluxDB once (data written
/// before the read model existed) and remembered, also when nothing was found.
/// </summary>
public sealed class LatestTelemetryTable(IDbContextFactory<ArcDbContext> contexts, InfluxTelemetryStore store, TimeProvider time) : ILatestTelemetry, IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private Dictionary<string, LatestValues> _pending = new(StringComparer.Ordinal);
    private Dictionary<string, LatestValues>? _inFlight;

    /// <summary>Folds written samples into the values waiting to be stored; samples without a tracked point are passed over.</summary>
    public void Observe(IReadOnlyList<TelemetrySample> samples)
    {
        lock (_gate)
        {
            foreach (var sample in samples)
            {
                // InfluxDB keeps the millisecond; so does the read model, or one node's answer would differ from another's.
                var at = DateTimeOffset.FromUnixTimeMilliseconds(sample.Time.ToUnixTimeMilliseconds());
                LatestValues? values = null;
                for (var i = 0; i < LatestValues.Points.Length; i++)
                {
                    if (!sample.Fields.TryGetValue(LatestValues.Points[i], out var value) || !double.IsFinite(value))
                        continue;
                    values ??= Pending(sample.Vin);
                    values.Fold(i, value, at);
                }
            }
        }
    }

    public async Task<IReadOnlyList<VehicleLatestState>> ActivityAsync(IReadOnlyList<string> vins, CancellationToken ct = default)
    {
        if (vins.Count == 0)
            return [];
        var distinct = vins.Distinct(StringComparer.Ordinal).ToArray();
        // What this node holds in memory is copied before the stored rows are read: a flush that lands in between is
        // then either in the copy or in the rows.
        var known = new Dictionary<string, LatestValues>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var vin in distinct)
            {
                Overlay(known, vin, _inFlight);
                Overlay(known, vin, _pending);
            }
        }
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            foreach (var row in await db.Set<LatestTelemetryRow>().AsNoTracking().Where(r => distinct.Contains(r.Vin)).ToListAsync(ct))
                Overlay(known, row.Vin, LatestValues.From(row));
        }
        var unseen = distinct.Where(vin => !known.ContainsKey(vin)).ToList();
        if (unseen.Count > 0)
        {
            var found = await store.LatestActivityAsync(unseen, ct);
            lock (_gate)
            {
                foreach (var state in found)
                {
                    var values = LatestValues.From(state);
                    Pending(state.Vin).Fold(values);
                    known[state.Vin] = values;
                }
            }
        }
        return vins.Select(vin => known.TryGetValue(vin, out var values) ? values.ToState(vin) : new VehicleLatestState(vin, null, null, null, null, null)).ToList();
    }

    /// <summary>Stores what was folded since the last flush in one statement; on failure it is kept for the next one.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await _flushing.WaitAsync(ct);
        try
        {
            Dictionary<string, LatestValues> batch;
            lock (_gate)
            {
                if (_pending.Count == 0)
                    return;
                batch = _pending;
                _inFlight = batch;
                _pending = new Dictionary<string, LatestValues>(StringComparer.Ordinal);
            }
            try
            {
                await StoreAsync(batch, ct);
            }
            catch
            {
                lock (_gate)
                {
                    foreach (var (vin, values) in batch)
                        Pending(vin).Fold(values);
                }
                throw;
            }
            finally
            {
                lock (_gate)
                    _inFlight = null;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private static readonly string[] ValueColumns = ["soc", "odometer_km", "latitude", "longitude", "speed_kmh", "pack_current_a"];
    private static readonly string[] TimeColumns = ["soc_at", "odometer_at", "latitude_at", "longitude_at", "speed_at", "pack_current_at"];

    /// <summary>
    /// One upsert for every vehicle in the batch: each value replaces the stored one only when it was reported later,
    /// so several nodes, and points that arrive out of order, settle on the newest.
    /// </summary>
    private static readonly string Upsert = $"""
        INSERT INTO main.vehicle_latest_telemetry AS s (vin, {string.Join(", ", ValueColumns.Zip(TimeColumns, (v, t) => $"{v}, {t}"))}, updated)
        SELECT u.*, @now FROM unnest(@vin, {string.Join(", ", ValueColumns.Select((_, i) => $"@v{i}, @t{i}"))}) AS u
        ON CONFLICT (vin) DO UPDATE SET
            {string.Join(",\n    ", ValueColumns.Zip(TimeColumns, (v, t) =>
                $"{v} = CASE WHEN s.{t} IS NULL OR excluded.{t} > s.{t} THEN excluded.{v} ELSE s.{v} END, {t} = GREATEST(s.{t}, excluded.{t})"))},
            updated = @now
        """;

    private async Task StoreAsync(Dictionary<string, LatestValues> batch, CancellationToken ct)
    {
        var rows = batch.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        var parameters = new List<object>
        {
            new NpgsqlParameter("vin", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Key).ToArray() },
            new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = time.GetUtcNow().UtcDateTime },
        };
        for (var i = 0; i < ValueColumns.Length; i++)
        {
            var index = i;
            parameters.Add(new NpgsqlParameter($"v{i}", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = rows.Select(r => r.Value.Values[index]).ToArray() });
            parameters.Add(new NpgsqlParameter($"t{i}", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
            {
                Value = rows.Select(r => r.Value.Times[index]?.UtcDateTime).ToArray(),
            });
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlRawAsync(Upsert, parameters, ct);
    }

    public void Dispose() => _flushing.Dispose();

    private LatestValues Pending(string vin)
    {
        if (!_pending.TryGetValue(vin, out var values))
            _pending[vin] = values = new LatestValues();
        return values;
    }

    private static void Overlay(Dictionary<string, LatestValues> known, string vin, Dictionary<string, LatestValues>? newer)
    {
        if (newer is not null && newer.TryGetValue(vin, out var values))
            Overlay(known, vin, values);
    }

    private static void Overlay(Dictionary<string, LatestValues> known, string vin, LatestValues values)
    {
        if (!known.TryGetValue(vin, out var held))
            known[vin] = held = new LatestValues();
        held.Fold(values);
    }
}
