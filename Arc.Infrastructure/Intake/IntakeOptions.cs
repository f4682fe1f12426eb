using System.ComponentModel.DataAnnotations;

namespace Arc.Infrastructure.Intake;

public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Messages waiting for the writer before transports are made to wait.</summary>
    [Range(100, 1_000_000)]
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>Lines (samples) per InfluxDB write.</summary>
    [Range(1, 100_000)]
    public int BatchLines { get; set; } = 5_000;

    [Range(1024, 10 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 256 * 1024;

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan FutureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Deliveries of a message before it goes to the dead-letter store (the old system's five).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Retries of a failed InfluxDB write within one delivery, after a pause that grows fivefold from <see cref="WriteRetryDelay"/>.</summary>
    [Range(0, 10)]
    public int WriteRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan WriteRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the counts and the "last seen" read model are written to the database.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a written message's fingerprint is kept to recognise a redelivery.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Refused messages kept per flush for the intake page (all are counted).</summary>
    [Range(0, 10_000)]
    public int RefusalsKeptPerFlush { get; set; } = 50;

    /// <summary>How long accounting rows and refusals are kept.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "366.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>After this long of failing writes the telematics error email goes out (once per episode).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AlertAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where the telematics error email goes (the old system's aws-alerts address); none means no email.</summary>
    [EmailAddress]
    public string? AlertEmail { get; set; }
}
