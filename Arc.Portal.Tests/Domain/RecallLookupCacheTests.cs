using Arc.Domain.Recalls;
using Arc.Portal.Recalls;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Arc.Portal.Tests.Domain;

/// <summary>The public lookup's memory: answers kept until they expire or the recall data's stamp moves, and never too many.</summary>
public sealed class RecallLookupCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private long _stamp = 1;
    private int _stampReads;
    private int _lookups;

    private RecallLookupCache Cache(int maxVins = 100) => new(_time, Options.Create(new RecallLookupOptions
    {
        CacheFor = TimeSpan.FromMinutes(5), StampCheckEvery = TimeSpan.FromSeconds(10), MaxCachedVins = maxVins,
    }));

    private Task<PublicRecallAnswer> AskAsync(RecallLookupCache cache, string vin) => cache.GetAsync(vin,
        () => { _stampReads++; return Task.FromResult(new RecallDataDates(null, null, _stamp)); },
        () => { _lookups++; return Task.FromResult(new PublicRecallAnswer(vin, null, [])); });

    [Fact]
    public async Task An_answer_is_kept_and_the_stamp_read_at_most_every_check_interval()
    {
        using var cache = Cache();
        for (var i = 0; i < 5; i++)
            await AskAsync(cache, "V1");
        Assert.Equal((1, 1), (_lookups, _stampReads));
        _time.Advance(TimeSpan.FromSeconds(11));
        await AskAsync(cache, "V1");
        Assert.Equal((1, 2), (_lookups, _stampReads));
        _time.Advance(TimeSpan.FromMinutes(5));
        await AskAsync(cache, "V1");
        Assert.Equal(2, _lookups);
    }

    [Fact]
    public async Task A_new_stamp_drops_every_kept_answer()
    {
        using var cache = Cache();
        await AskAsync(cache, "V1");
        await AskAsync(cache, "V2");
        _stamp = 2;
        await AskAsync(cache, "V1");
        Assert.Equal(2, _lookups);
        _time.Advance(TimeSpan.FromSeconds(11));
        await AskAsync(cache, "V1");
        await AskAsync(cache, "V2");
        Assert.Equal(4, _lookups);
    }

    [Fact]
    public async Task Callers_asking_for_ever_new_vins_cannot_grow_the_memory_past_its_bound()
    {
        using var cache = Cache(maxVins: 3);
        foreach (var vin in new[] { "V1", "V2", "V3", "V4" })
            await AskAsync(cache, vin);
        await AskAsync(cache, "V1");
        Assert.Equal(5, _lookups);
        await AskAsync(cache, "V4");
        Assert.Equal(5, _lookups);
    }
}
