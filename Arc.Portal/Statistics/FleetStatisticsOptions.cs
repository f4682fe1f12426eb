using System.ComponentModel.DataAnnotations;

namespace Arc.Portal.Statistics;

/// <summary>How the public fleet statistic is protected (<c>Portal:Statistics</c>): answers are kept a while, callers are limited.</summary>
public sealed class FleetStatisticsOptions
{
    public const string Section = "Portal:Statistics";

    /// <summary>Requests one client address may make in a minute; past that it is answered 429 with Retry-After.</summary>
    [Range(1, 100_000)]
    public int PermitsPerMinute { get; set; } = 30;

    /// <summary>How long a fleet's figure is served from memory before telemetry is read again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMinutes(5);
}
