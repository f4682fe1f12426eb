using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Infrastructure.Telemetry;
using Arc.Portal.Statistics;
using Microsoft.Extensions.Time.Testing;

namespace Arc.Portal.Tests.Domain;

/// <summary>The public fleet statistic's rules that need no servers: the name it accepts, how long an answer is kept, how VINs are split.</summary>
public sealed class FleetStatisticsRulesTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(" Eugene Rentals ", "Eugene Rentals")]
    [InlineData("x' OR '1'='1", "x' OR '1'='1")]
    public void A_blank_name_means_the_makers_fleet_and_a_name_is_read_as_written(string? input, string? expected) =>
        Assert.Equal(expected, GetFleetStatistics.Check(input));

    [Theory]
    [InlineData(101, "at most 100 characters")]
    [InlineData(10_000, "at most 100 characters")]
    public void An_overlong_name_is_refused(int length, string message) =>
        Assert.Contains(message, Assert.Throws<ValidationFailedException>(() => GetFleetStatistics.Check(new string('a', length))).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("Eugene\nRentals")]
    [InlineData("Eugene\u0000")]
    [InlineData("\u001b[31mred")]
    public void A_name_with_control_characters_is_refused(string name) =>
        Assert.Contains("control characters", Assert.Throws<ValidationFailedException>(() => GetFleetStatistics.Check(name)).Message, StringComparison.Ordinal);

    [Fact]
    public async Task An_answer_is_kept_for_the_configured_time_and_a_failure_is_not_kept()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        var cache = new FleetStatisticsCache(time, Microsoft.Extensions.Options.Options.Create(new FleetStatisticsOptions { CacheFor = TimeSpan.FromMinutes(5) }));
        var computed = 0;
        Task<FleetStatistics> Compute() => Task.FromResult(new FleetStatistics("Pilot", ++computed * 100));

        Assert.Equal(100, (await cache.GetAsync("Pilot", Compute)).TotalMileage);
        time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(100, (await cache.GetAsync(" Pilot ", Compute)).TotalMileage);
        Assert.Equal(1, computed);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(200, (await cache.GetAsync("Pilot", Compute)).TotalMileage);

        // A refusal is not remembered: the next request asks again.
        await Assert.ThrowsAsync<NotFoundException>(() => cache.GetAsync("Gone", () => throw new NotFoundException("Fleet", "Gone")));
        Assert.Equal(300, (await cache.GetAsync("Gone", Compute)).TotalMileage);
        // No name and a blank one are the same request, kept apart from named fleets.
        Assert.Equal(400, (await cache.GetAsync(null, Compute)).TotalMileage);
        Assert.Equal(400, (await cache.GetAsync("", Compute)).TotalMileage);
    }

    [Fact]
    public void Vins_share_one_pattern_until_it_would_grow_too_long()
    {
        var vins = Enumerable.Range(0, 10_000).Select(i => $"DEV-7F7ATR310PER{i:D5}").ToList();
        Assert.Single(VinPatterns.Split(vins));

        var parts = VinPatterns.Split(vins, maxLength: 100_000).ToList();
        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(p.Length <= 100_000 + 6, $"{p.Length} characters"));
        Assert.Equal(vins, parts.SelectMany(p => p[4..^2].Split('|')).Select(v => v.Replace("\\-", "-", StringComparison.Ordinal)));
    }
}
