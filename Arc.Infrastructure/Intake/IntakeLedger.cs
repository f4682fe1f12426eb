using Arc.Domain.Intake;

namespace Arc.Infrastructure.Intake;

/// <summary>
/// The intake's counts since the last flush, kept in memory and handed to <see cref="IntakeLedgerFlusher"/> every few
/// seconds. It also remembers each vehicle's newest device time, to tell a late point from a fresh one.
/// </summary>
public sealed class IntakeLedger
{
    private readonly Lock _lock = new();
    private Tally _tally = new();
    private readonly Dictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);

    /// <summary>Counts of one vehicle since the last flush.</summary>
    internal sealed class VehicleTally
    {
        public long Received, Written, Points, Late, Duplicate, Refused, DeadLettered;
        public DateTimeOffset? LastSeen, LastReceived;
        public int? LastLagMs;
    }

    /// <summary>Everything counted since the last flush.</summary>
    internal sealed class Tally
    {
        public DateTimeOffset? Start;
        public readonly Dictionary<string, VehicleTally> Vehicles = new(StringComparer.Ordinal);
        public long Received, Written, Points, Late, Duplicate, Refused, DeadLettered, Failed;
        public readonly long[] LagBuckets = new long[LagHistogram.BoundsMs.Count];
        public readonly List<IntakeRefusal> Refusals = [];

        public bool IsEmpty => Received == 0 && Failed == 0 && Vehicles.Count == 0;
    }

    /// <summary>The newest device time written for the VIN, as far as this node knows.</summary>
    public DateTimeOffset? LastSeen(string vin)
    {
        lock (_lock)
            return _lastSeen.TryGetValue(vin, out var t) ? t : null;
    }

    /// <summary>Teaches the ledger what the read model already knew about VINs it had not met since starting.</summary>
    public void Remember(IReadOnlyDictionary<string, DateTimeOffset> lastSeen)
    {
        lock (_lock)
            foreach (var (vin, at) in lastSeen)
                if (!_lastSeen.TryGetValue(vin, out var known) || known < at)
                    _lastSeen[vin] = at;
    }

    public void Received(string? vin, DateTimeOffset at)
    {
        lock (_lock)
        {
            _tally.Start ??= at;
            _tally.Received++;
            if (vin is not null)
            {
                var v = Vehicle(vin);
                v.Received++;
                v.LastReceived = Max(v.LastReceived, at);
            }
        }
    }

    public void Written(string vin, int points, bool late, DateTimeOffset newest, double lagMs)
    {
        lock (_lock)
        {
            var v = Vehicle(vin);
            v.Written++;
            v.Points += points;
            _tally.Written++;
            _tally.Points += points;
            if (late)
            {
                v.Late++;
                _tally.Late++;
            }
            v.LastSeen = Max(v.LastSeen, newest);
            _lastSeen[vin] = Max(_lastSeen.TryGetValue(vin, out var t) ? t : null, newest)!.Value;
            var lag = (int)Math.Clamp(lagMs, 0, int.MaxValue);
            v.LastLagMs = lag;
            _tally.LagBuckets[LagHistogram.Bucket(lag)]++;
        }
    }

    public void Duplicate(string vin)
    {
        lock (_lock)
        {
            Vehicle(vin).Duplicate++;
            _tally.Duplicate++;
        }
    }

    /// <param name="vin">The VIN, only when it is a provisioned one (unknown VINs get no row of their own).</param>
    public void Refused(string? vin, IntakeRefusal refusal, int keep)
    {
        lock (_lock)
        {
            if (vin is not null)
                Vehicle(vin).Refused++;
            _tally.Refused++;
            if (_tally.Refusals.Count < keep)
                _tally.Refusals.Add(refusal);
        }
    }

    public void DeadLettered(string? vin)
    {
        lock (_lock)
        {
            if (vin is not null)
                Vehicle(vin).DeadLettered++;
            _tally.DeadLettered++;
        }
    }

    public void Failed()
    {
        lock (_lock)
            _tally.Failed++;
    }

    /// <summary>Takes the counts since the last flush, leaving an empty tally.</summary>
    internal Tally Take()
    {
        lock (_lock)
        {
            var taken = _tally;
            _tally = new Tally();
            return taken;
        }
    }

    /// <summary>Puts back counts a flush could not store, so the next flush stores them.</summary>
    internal void Restore(Tally tally)
    {
        lock (_lock)
        {
            var now = _tally;
            now.Start = tally.Start is { } s && (now.Start is null || s < now.Start) ? s : now.Start;
            now.Received += tally.Received; now.Written += tally.Written; now.Points += tally.Points; now.Late += tally.Late;
            now.Duplicate += tally.Duplicate; now.Refused += tally.Refused; now.DeadLettered += tally.DeadLettered; now.Failed += tally.Failed;
            for (var i = 0; i < now.LagBuckets.Length; i++)
                now.LagBuckets[i] += tally.LagBuckets[i];
            now.Refusals.InsertRange(0, tally.Refusals.Take(Math.Max(0, 1000 - now.Refusals.Count)));
            foreach (var (vin, old) in tally.Vehicles)
            {
                var v = Vehicle(vin);
                v.Received += old.Received; v.Written += old.Written; v.Points += old.Points; v.Late += old.Late;
                v.Duplicate += old.Duplicate; v.Refused += old.Refused; v.DeadLettered += old.DeadLettered;
                v.LastSeen = Max(v.LastSeen, old.LastSeen);
                v.LastReceived = Max(v.LastReceived, old.LastReceived);
                v.LastLagMs ??= old.LastLagMs;
            }
        }
    }

    private VehicleTally Vehicle(string vin)
    {
        if (!_tally.Vehicles.TryGetValue(vin, out var v))
            _tally.Vehicles[vin] = v = new VehicleTally();
        return v;
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
