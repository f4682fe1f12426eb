namespace Arc.Domain.Telemetry;

/// <summary>An odometer value (km) and when the vehicle reported it.</summary>
public sealed record OdometerReading(double Km, DateTimeOffset At);

/// <summary>
/// A vehicle's odometer around a range: the first and last readings inside it (raw data where it is still kept, the
/// down-sampled series where it is not) and the last reading before it, for a vehicle that did not report in the range.
/// </summary>
public sealed record MonthOdometers(OdometerReading? First, OdometerReading? Last, OdometerReading? Before);
