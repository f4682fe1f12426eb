namespace Arc.Domain.Common;

/// <summary>
/// Counts the round trips a piece of work makes to PostgreSQL and to the telemetry store, for tests and benchmarks
/// that hold a use case to a constant number of queries. The adapters report each statement they send; only work run
/// inside <see cref="Start"/> (and what it awaits) is counted, so other requests on the same server do not disturb it.
/// </summary>
public static class QueryMeter
{
    private static readonly AsyncLocal<Counts?> Current = new();

    /// <summary>The round trips counted since <see cref="Start"/>; read them after the measured work has finished.</summary>
    public sealed class Counts
    {
        private int _database;
        private int _telemetry;

        public int Database => Volatile.Read(ref _database);
        public int Telemetry => Volatile.Read(ref _telemetry);

        internal void AddDatabase() => Interlocked.Increment(ref _database);
        internal void AddTelemetry() => Interlocked.Increment(ref _telemetry);

        public override string ToString() => $"{Database} database, {Telemetry} telemetry";
    }

    /// <summary>Starts counting for the calling flow (and the work it awaits) and returns the counts.</summary>
    public static Counts Start()
    {
        var counts = new Counts();
        Current.Value = counts;
        return counts;
    }

    /// <summary>Stops counting for the calling flow.</summary>
    public static void Stop() => Current.Value = null;

    /// <summary>One statement sent to PostgreSQL (the persistence adapter calls this).</summary>
    public static void Database() => Current.Value?.AddDatabase();

    /// <summary>One query request sent to the telemetry store (the telemetry adapter calls this).</summary>
    public static void Telemetry() => Current.Value?.AddTelemetry();
}
