using System.ComponentModel.DataAnnotations;

namespace Arc.Infrastructure.Telemetry;

/// <summary>Where the telemetry store answers its v1 HTTP API (InfluxDB 1.x, or 2.x/3.x compatibility endpoints).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    [Required]
    public Uri? Url { get; set; }

    [Required, RegularExpression("^[A-Za-z0-9_]{1,64}$")]
    public string Database { get; set; } = "amtelemetry";

    /// <summary>
    /// The server's <c>max-values-per-tag</c> (InfluxDB 1.x refuses the write that would add one VIN more; 100,000 by
    /// default, 0 for no limit). The intake page warns at 80 %. The embedded server is started with a higher limit.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MaxValuesPerTag { get; set; } = 100_000;

    public string? Username { get; set; }
    public string? Password { get; set; }
}
