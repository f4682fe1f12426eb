using System.Collections.Concurrent;
using Arc.Domain.Recalls;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Recalls;

/// <summary>
/// Answers of the public recall lookup kept in memory, so an anonymous caller cannot make the portal query the database
/// for every request. Every answer belongs to the recall data's latest update stamp: the stamp is read again at most
/// every <see cref="RecallLookupOptions.StampCheckEvery"/>, and a new one drops all kept answers, so a serviced vehicle
/// leaves the lookup within that time. At most <see cref="RecallLookupOptions.MaxCachedVins"/> answers are kept; when
/// full, the memory starts over. Only answers are kept, never a refusal.
/// </summary>
public sealed class RecallLookupCache(TimeProvider time, IOptions<RecallLookupOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, (PublicRecallAnswer Value, DateTimeOffset Until)> _answers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _stampGate = new(1, 1);
    private RecallDataDates? _dates;
    private DateTimeOffset _datesUntil = DateTimeOffset.MinValue;

    /// <summary>The data's dates, read again once <see cref="RecallLookupOptions.StampCheckEvery"/> has passed.</summary>
    public async Task<RecallDataDates> DatesAsync(Func<Task<RecallDataDates>> read)
    {
        var now = time.GetUtcNow();
        if (_dates is { } kept && _datesUntil > now)
            return kept;
        await _stampGate.WaitAsync();
        try
        {
            if (_dates is { } again && _datesUntil > now)
                return again;
            var fresh = await read();
            if (_dates is null || fresh.LatestStamp != _dates.LatestStamp)
                _answers.Clear();
            _dates = fresh;
            _datesUntil = now + options.Value.StampCheckEvery;
            return fresh;
        }
        finally
        {
            _stampGate.Release();
        }
    }

    /// <summary>The answer for <paramref name="vin"/> (as stored, already checked), kept or computed.</summary>
    public async Task<PublicRecallAnswer> GetAsync(string vin, Func<Task<RecallDataDates>> dates, Func<Task<PublicRecallAnswer>> compute)
    {
        await DatesAsync(dates);
        var now = time.GetUtcNow();
        if (_answers.TryGetValue(vin, out var entry) && entry.Until > now)
            return entry.Value;
        var value = await compute();
        if (_answers.Count >= options.Value.MaxCachedVins)
            _answers.Clear();
        _answers[vin] = (value, now + options.Value.CacheFor);
        return value;
    }

    public void Dispose() => _stampGate.Dispose();
}
