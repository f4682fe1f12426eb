using Arc.Domain.Trips;

namespace Arc.Portal.Tests.Domain;

public sealed class TripDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A vehicle's reports, built up a stretch at a time: heading east at 44° N, odometer and SOC following the distance.</summary>
    private sealed class Timeline(bool odometer = true, bool gps = true)
    {
        private readonly List<TripSample> _samples = [];
        private DateTimeOffset _at = T0;
        private double _km;

        public DateTimeOffset Now => _at;
        public IReadOnlyList<TripSample> Samples => _samples;

        public Timeline Hold(int seconds, double kmh, Func<int, double>? speedAt = null)
        {
            for (var s = 0; s < seconds; s++)
            {
                var speed = speedAt?.Invoke(s) ?? kmh;
                _samples.Add(new TripSample(_at, speed, gps ? 44.0 : null, gps ? -123.0 + _km / 80.0 : null, 90 - _km * 0.2, odometer ? 1000 + _km : null));
                _km += speed / 3600.0;
                _at = _at.AddSeconds(1);
            }
            return this;
        }

        /// <summary>Nothing reported: the next report comes this long after the last one.</summary>
        public Timeline Silence(TimeSpan betweenReports)
        {
            _at = _at.AddSeconds(-1) + betweenReports;
            return this;
        }

        public TripReport Detect(DateTimeOffset? from = null, DateTimeOffset? to = null) => TripDetector.Detect(_samples, from ?? T0, to ?? _at);
    }

    [Fact]
    public void A_drive_between_two_parked_spells_is_one_trip_between_two_stops()
    {
        var report = new Timeline().Hold(600, 0).Hold(900, 50).Hold(600, 0).Detect();

        var trip = Assert.Single(report.Trips);
        Assert.Equal(T0.AddSeconds(600), trip.Start);
        Assert.Equal(T0.AddSeconds(1500), trip.End);
        Assert.Equal(TimeSpan.FromMinutes(15), trip.Duration);
        Assert.True(trip.DistanceFromOdometer);
        Assert.Equal(12.5, trip.DistanceKm, 3);
        Assert.Equal(50, trip.MaxSpeedKmh);
        Assert.Equal(50, trip.AverageSpeedKmh, 1);
        Assert.Equal(2.5, trip.SocUsed!.Value, 3);
        Assert.Equal(44.0, trip.StartLatitude);
        Assert.True(trip.EndLongitude > trip.StartLongitude);
        Assert.Collection(report.Stops,
            s => Assert.Equal((T0, T0.AddSeconds(600), true, false), (s.Start, s.End, s.BeganBeforeRange, s.ContinuesAfterRange)),
            s => Assert.Equal((T0.AddSeconds(1500), T0.AddSeconds(2100), false, true), (s.Start, s.End, s.BeganBeforeRange, s.ContinuesAfterRange)));
        Assert.Equal(2100, report.Samples);
    }

    [Fact]
    public void No_reports_give_no_trips_and_no_stops()
    {
        var report = TripDetector.Detect([], T0, T0.AddDays(1));
        Assert.Empty(report.Trips);
        Assert.Empty(report.Stops);
        Assert.Equal(0, report.Samples);
    }

    [Theory]
    [InlineData(300, false)]
    [InlineData(301, true)]
    public void A_slow_crawl_counts_as_a_trip_only_once_it_has_moved_for_300_seconds(int movingReports, bool isTrip)
    {
        // 5 km/h for five minutes is 417 m: under the distance minimum, so only the duration can make it a trip.
        var report = new Timeline().Hold(600, 0).Hold(movingReports, 5).Hold(600, 0).Detect();

        Assert.Equal(isTrip ? 1 : 0, report.Trips.Count);
        Assert.Equal(isTrip ? 2 : 1, report.Stops.Count);
        if (isTrip)
            Assert.Equal(TimeSpan.FromSeconds(301), report.Trips[0].Duration);
    }

    [Theory]
    [InlineData(50, false)]
    [InlineData(52, true)]
    public void A_short_fast_hop_counts_as_a_trip_once_it_has_covered_500_metres(int movingReports, bool isTrip)
    {
        // 36 km/h is 10 m a second: 49 s after the first moving report it has gone 490 m, 51 s after it 510 m.
        var report = new Timeline().Hold(600, 0).Hold(movingReports, 36).Hold(600, 0).Detect();

        Assert.Equal(isTrip ? 1 : 0, report.Trips.Count);
    }

    [Theory]
    [InlineData(300, 1)]
    [InlineData(301, 2)]
    public void A_halt_splits_a_trip_only_once_it_has_lasted_300_seconds(int parkedReports, int trips)
    {
        var report = new Timeline().Hold(600, 0).Hold(600, 40).Hold(parkedReports, 0).Hold(600, 40).Hold(600, 0).Detect();

        Assert.Equal(trips, report.Trips.Count);
        Assert.Equal(trips + 1, report.Stops.Count);
        if (trips == 2)
            Assert.Equal(TimeSpan.FromSeconds(301), report.Stops[1].Duration);
        else
            Assert.Equal(TimeSpan.FromSeconds(1200 + parkedReports), report.Trips[0].Duration);
    }

    [Fact]
    public void Speed_flickering_around_the_threshold_neither_ends_a_trip_nor_starts_one()
    {
        var report = new Timeline()
            .Hold(900, 0, s => s % 20 == 10 ? 3 : 0.5)      // a parked vehicle whose speed reads 3 km/h now and then
            .Hold(900, 45, s => s % 90 == 45 ? 0 : 45)      // stop-and-go: a report at standstill every minute and a half
            .Hold(900, 0, s => s % 20 == 10 ? 1.5 : 0)    // parked again, speed jittering under the threshold
            .Detect();

        var trip = Assert.Single(report.Trips);
        Assert.Equal(T0.AddSeconds(900), trip.Start);
        Assert.Equal(T0.AddSeconds(1800), trip.End);
        Assert.Equal(2, report.Stops.Count);
    }

    [Fact]
    public void A_silence_of_over_an_hour_ends_a_trip_at_the_last_report_before_it()
    {
        var report = new Timeline().Hold(600, 0).Hold(600, 50).Silence(TimeSpan.FromMinutes(61)).Hold(600, 50).Hold(600, 0).Detect();

        Assert.Collection(report.Trips,
            t => Assert.Equal((T0.AddSeconds(600), T0.AddSeconds(1199)), (t.Start, t.End)),
            t => Assert.Equal(T0.AddSeconds(1199 + 61 * 60 + 1), t.Start));
        // The stop covers the silence.
        Assert.Equal(T0.AddSeconds(1199), report.Stops[1].Start);
    }

    [Fact]
    public void A_silence_of_exactly_an_hour_does_not_end_a_trip()
    {
        var report = new Timeline().Hold(600, 0).Hold(600, 50).Silence(TimeSpan.FromHours(1)).Hold(600, 50).Hold(600, 0).Detect();

        Assert.Single(report.Trips);
    }

    [Fact]
    public void A_range_that_starts_mid_trip_lists_the_trip_from_its_first_report_as_begun_before()
    {
        var report = new Timeline().Hold(120, 60).Hold(600, 0).Detect();

        var trip = Assert.Single(report.Trips);
        Assert.True(trip.BeganBeforeRange);
        Assert.Equal(T0, trip.Start);
        Assert.Equal(T0.AddSeconds(120), trip.End);
        Assert.False(Assert.Single(report.Stops).BeganBeforeRange);
    }

    [Fact]
    public void A_first_report_after_an_hour_of_silence_starts_parked_not_mid_trip()
    {
        var report = new Timeline().Hold(900, 50).Hold(600, 0).Detect(from: T0.AddHours(-2));

        var trip = Assert.Single(report.Trips);
        Assert.False(trip.BeganBeforeRange);
        Assert.Equal(T0.AddSeconds(1), trip.Start);
    }

    [Fact]
    public void A_trip_under_way_at_the_end_of_the_range_is_listed_as_continuing()
    {
        var timeline = new Timeline().Hold(600, 0).Hold(600, 50);

        var trip = Assert.Single(timeline.Detect().Trips);
        Assert.True(trip.ContinuesAfterRange);
        Assert.Equal(T0.AddSeconds(1199), trip.End);

        // Silent for two hours before the range ends: the trip ended with the reports.
        var ended = Assert.Single(timeline.Detect(to: timeline.Now.AddHours(2)).Trips);
        Assert.False(ended.ContinuesAfterRange);
        Assert.Equal(T0.AddSeconds(1199), ended.End);
        var parked = timeline.Detect(to: timeline.Now.AddHours(2)).Stops[^1];
        Assert.Equal((T0.AddSeconds(1199), timeline.Now.AddHours(2), true), (parked.Start, parked.End, parked.ContinuesAfterRange));
    }

    [Fact]
    public void A_halt_too_short_to_count_at_the_end_still_ends_the_trip_where_it_began()
    {
        var report = new Timeline().Hold(600, 0).Hold(600, 50).Hold(100, 0).Detect();

        var trip = Assert.Single(report.Trips);
        Assert.Equal(T0.AddSeconds(1200), trip.End);
        Assert.False(trip.ContinuesAfterRange);
        Assert.Single(report.Stops);
    }

    [Fact]
    public void Without_an_odometer_the_distance_comes_from_the_positions()
    {
        var report = new Timeline(odometer: false).Hold(600, 0).Hold(900, 50).Hold(600, 0).Detect();

        var trip = Assert.Single(report.Trips);
        Assert.False(trip.DistanceFromOdometer);
        Assert.Equal(12.5, trip.DistanceKm, 0.1);
    }

    [Fact]
    public void Without_positions_a_trip_has_none_and_its_distance_from_the_odometer()
    {
        var report = new Timeline(gps: false).Hold(600, 0).Hold(900, 50).Hold(600, 0).Detect();

        var trip = Assert.Single(report.Trips);
        Assert.Null(trip.StartLatitude);
        Assert.Null(report.Stops[0].Latitude);
        Assert.Equal(12.5, trip.DistanceKm, 3);
    }

    [Fact]
    public void Maximum_speed_is_the_fastest_report_and_average_speed_is_distance_over_time()
    {
        var report = new Timeline().Hold(600, 0).Hold(600, 30).Hold(600, 90).Hold(600, 0).Detect();

        var trip = Assert.Single(report.Trips);
        Assert.Equal(90, trip.MaxSpeedKmh);
        Assert.Equal(60, trip.AverageSpeedKmh, 1);
    }

    [Fact]
    public void A_repeated_report_is_read_once()
    {
        var timeline = new Timeline().Hold(600, 0).Hold(900, 50).Hold(600, 0);
        var doubled = timeline.Samples.SelectMany(s => new[] { s, s with { SpeedKmh = 99 } });

        var report = TripDetector.Detect(doubled, T0, timeline.Now);

        Assert.Equal(2100, report.Samples);
        Assert.Equal(50, Assert.Single(report.Trips).MaxSpeedKmh);
    }
}
