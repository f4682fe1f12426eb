using System.ComponentModel.DataAnnotations;

namespace Arc.Portal.Recalls;

/// <summary>How the public recall lookup is protected (<c>Portal:RecallLookup</c>): answers are kept a while, callers are limited.</summary>
public sealed class RecallLookupOptions
{
    public const string Section = "Portal:RecallLookup";

    /// <summary>Requests one client address may make in a minute; past that it is answered 429 with Retry-After.</summary>
    [Range(1, 100_000)]
    public int PermitsPerMinute { get; set; } = 60;

    /// <summary>How long a VIN's answer is served from memory at most.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the data's latest update stamp is read; a new stamp drops every kept answer, so a change shows within this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan StampCheckEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most VINs kept at once, so callers asking for ever new VINs cannot fill the memory.</summary>
    [Range(1, 1_000_000)]
    public int MaxCachedVins { get; set; } = 20_000;
}
