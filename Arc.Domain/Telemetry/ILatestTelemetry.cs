namespace Arc.Domain.Telemetry;

/// <summary>
/// Each vehicle's newest state of charge, odometer, position, speed and pack current, kept as telemetry is written
/// (a read model beside the telemetry store), so that a fleet of thousands is read in one database statement rather
/// than by asking the time-series store for the last value of every series.
/// </summary>
public interface ILatestTelemetry
{
    /// <summary>
    /// The latest activity of each vehicle asked for, in the order asked, speed and pack current included. A vehicle the
    /// read model has never seen is looked up in the telemetry store once and remembered, also when it has never reported.
    /// </summary>
    Task<IReadOnlyList<VehicleLatestState>> ActivityAsync(IReadOnlyList<string> vins, CancellationToken ct = default);
}
