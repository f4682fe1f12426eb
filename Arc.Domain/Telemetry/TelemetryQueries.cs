using Arc.Domain.Common;

namespace Arc.Domain.Telemetry;

/// <summary>One aggregated value of a series: the mean (or last, or maximum) of a time bucket.</summary>
public sealed record SeriesPoint(DateTimeOffset Time, double Value);

/// <summary>A series as drawn: its buckets, the bucket width, and which retention policy served it.</summary>
public sealed record TelemetrySeries(string Point, IReadOnlyList<SeriesPoint> Points, TimeSpan Bucket, string Source);

/// <summary>
/// A vehicle's last-known state: state of charge, odometer, position and when it last reported; the speed (km/h) and
/// battery pack current (amperes, positive into the pack) only when read for activity (<see cref="ITelemetryStore.LatestActivityAsync"/>).
/// </summary>
public sealed record VehicleLatestState(string Vin, double? Soc, double? OdometerKm, double? Latitude, double? Longitude, DateTimeOffset? LastReport,
    double? SpeedKmh = null, double? PackCurrentA = null);

/// <summary>
/// A time range for charts, checked: not reversed, not in the future, at most a year. Series are aggregated on the
/// server into at most <see cref="MaxPoints"/> buckets, whatever the range.
/// </summary>
public sealed record TelemetryRange
{
    public const int MaxPoints = 1000;
    public static readonly TimeSpan Longest = TimeSpan.FromDays(365);
    /// <summary>Ranges at least this long read the down-sampled 30-minute series.</summary>
    public static readonly TimeSpan DownsampledFrom = TimeSpan.FromDays(7);
    public static readonly TimeSpan DownsampleBucket = TimeSpan.FromMinutes(30);

    private TelemetryRange(DateTimeOffset from, DateTimeOffset to)
    {
        From = from;
        To = to;
    }

    public DateTimeOffset From { get; }
    public DateTimeOffset To { get; }
    public TimeSpan Length => To - From;
    public bool Downsampled => Length >= DownsampledFrom;

    /// <summary>The bucket width that keeps the series within <see cref="MaxPoints"/> (whole seconds, at least one).</summary>
    public TimeSpan Bucket
    {
        get
        {
            var seconds = Math.Max(1, (long)Math.Ceiling(Length.TotalSeconds / MaxPoints));
            var bucket = TimeSpan.FromSeconds(seconds);
            return Downsampled && bucket < DownsampleBucket ? DownsampleBucket : bucket;
        }
    }

    public static TelemetryRange Create(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        if (to <= from)
            throw new ValidationFailedException("range", "The end of the range must be after its start.");
        if (from > now || to > now.AddMinutes(1))
            throw new ValidationFailedException("range", "The range cannot reach into the future.");
        if (to - from > Longest)
            throw new ValidationFailedException("range", "A range is at most 365 days.");
        return new TelemetryRange(from, to);
    }

    public static TelemetryRange Last(TimeSpan length, DateTimeOffset now) => Create(now - length, now, now);
}
