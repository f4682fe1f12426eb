using System.Diagnostics;

namespace Arc.Bench;

/// <summary>How the benchmarks time a call: a few untimed warm-up runs, then each timed run on its own.</summary>
public static class Timing
{
    /// <summary>The median and the 95th percentile, in milliseconds, of <paramref name="iterations"/> timed runs.</summary>
    public static async Task<(double P50, double P95)> MeasureAsync(int warmup, int iterations, Func<Task> run)
    {
        for (var i = 0; i < warmup; i++)
            await run();
        var times = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return (times[iterations / 2], times[Math.Min(iterations - 1, (int)(iterations * 0.95))]);
    }
}
