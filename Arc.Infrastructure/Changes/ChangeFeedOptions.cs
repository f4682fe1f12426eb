using System.ComponentModel.DataAnnotations;

namespace Arc.Infrastructure.Changes;

/// <summary>Settings of the change feed (<c>Portal:ChangeFeed</c>); the connection string is the portal's own.</summary>
public sealed class ChangeFeedOptions
{
    public const string Section = "Portal:ChangeFeed";

    public string ConnectionString { get; set; } = "";
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How often the listener checks a quiet connection is still there.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(15);
    [Range(1, 1_000_000)]
    public int MaxQueued { get; set; } = 10_000;
    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 500;
}
