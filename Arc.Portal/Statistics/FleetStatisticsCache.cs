using System.Collections.Concurrent;
using Arc.Domain.Fleets;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Statistics;

/// <summary>
/// Fleet figures kept for <see cref="FleetStatisticsOptions.CacheFor"/>, so an anonymous caller cannot make the portal
/// sum a fleet's odometers more often than that. Only answers are kept (a refusal or failure is not), so the entries are
/// bounded by the number of fleets; a request that finds none computes it and stores it for the next.
/// </summary>
public sealed class FleetStatisticsCache(TimeProvider time, IOptions<FleetStatisticsOptions> options)
{
    private readonly ConcurrentDictionary<string, (FleetStatistics Value, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public async Task<FleetStatistics> GetAsync(string? fleetName, Func<Task<FleetStatistics>> compute)
    {
        // Keyed on the name as the use case reads it: a blank name and none are the same request.
        var key = GetFleetStatistics.Check(fleetName) ?? "";
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Until > now)
            return entry.Value;
        var value = await compute();
        _entries[key] = (value, now + options.Value.CacheFor);
        return value;
    }
}
