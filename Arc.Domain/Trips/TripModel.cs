namespace Arc.Domain.Trips;

/// <summary>One report of a vehicle as trip detection reads it: speed in km/h, and whatever else it carried (or was last known).</summary>
public readonly record struct TripSample(DateTimeOffset Time, double SpeedKmh, double? Latitude = null, double? Longitude = null, double? Soc = null,
    double? OdometerKm = null);

/// <summary>
/// When a vehicle is taken to be driving or parked, after Traccar's trip report: moving means faster than the motion
/// threshold; a change of state counts once it has held for its minimum (a trip: a duration or a distance; a stop: a
/// duration); a silence longer than <see cref="LongestGap"/> counts as parked on both sides of it.
/// </summary>
public sealed record TripRules(double MotionThresholdKmh, TimeSpan MinimumTripDuration, double MinimumTripDistanceKm, TimeSpan MinimumStopDuration,
    TimeSpan LongestGap)
{
    public static TripRules Default { get; } = new(2, TimeSpan.FromSeconds(300), 0.5, TimeSpan.FromSeconds(300), TimeSpan.FromHours(1));
}

/// <summary>
/// A drive. <see cref="DistanceKm"/> comes from the odometer when both ends have one, else from the GPS positions.
/// <see cref="SocUsed"/> is the fall in state of charge (percentage points; negative when it rose), null without SOC.
/// <see cref="BeganBeforeRange"/> and <see cref="ContinuesAfterRange"/> mark a trip the range cuts.
/// </summary>
public sealed record Trip(DateTimeOffset Start, DateTimeOffset End, double? StartLatitude, double? StartLongitude, double? EndLatitude,
    double? EndLongitude, double DistanceKm, bool DistanceFromOdometer, double MaxSpeedKmh, double? SocUsed, bool BeganBeforeRange,
    bool ContinuesAfterRange)
{
    public TimeSpan Duration => End - Start;

    /// <summary>Distance over duration, as Traccar gives it (not the mean of the reported speeds).</summary>
    public double AverageSpeedKmh => Duration > TimeSpan.Zero ? DistanceKm / Duration.TotalHours : 0;
}

/// <summary>A time parked, at the position where it began.</summary>
public sealed record Stop(DateTimeOffset Start, DateTimeOffset End, double? Latitude, double? Longitude, bool BeganBeforeRange, bool ContinuesAfterRange)
{
    public TimeSpan Duration => End - Start;
}

/// <summary>A position of the vehicle, for drawing or exporting a trip.</summary>
public readonly record struct TripPosition(DateTimeOffset Time, double Latitude, double Longitude);

/// <summary>
/// The trips and stops of a range, oldest first, and how many reports they came from. <see cref="Track"/> holds the
/// positions (thinned) when they were asked for, else nothing.
/// </summary>
public sealed record TripReport(IReadOnlyList<Trip> Trips, IReadOnlyList<Stop> Stops, long Samples, IReadOnlyList<TripPosition> Track)
{
    public static TripReport Empty { get; } = new([], [], 0, []);
}
