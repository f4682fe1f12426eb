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

    public string? Username { get; set; }
    public string? Password { get; set; }
}
