namespace Arc.Domain.Trips;

/// <summary>
/// Finds trips and stops in a vehicle's reports, fed oldest first one at a time, so a month of 1 Hz data never has to
/// be held at once. It follows Traccar's motion state: the confirmed state (driving or parked) changes only when the
/// reports have disagreed with it for the rule's minimum, and the change is dated from the first disagreeing report, so
/// a trip runs from its first moving report to the first parked report of the stop that follows. Speed dipping under
/// the threshold at a red light, or a GPS wobble above it while parked, never lasts long enough to count.
/// Unlike Traccar's report, a trip still under way at the end of the range is listed (marked as continuing), and a
/// stop at the end lasts to the end of the range; a change that has not yet lasted its minimum at the end is not listed.
/// </summary>
public sealed class TripDetector(TripRules rules, DateTimeOffset from, DateTimeOffset to)
{
    /// <summary>What is known of the vehicle at one report: positions, SOC and odometer carried forward from earlier reports.</summary>
    private readonly record struct Mark(DateTimeOffset Time, double? Latitude, double? Longitude, double? Soc, double? OdometerKm, double PathKm);

    private readonly List<Trip> _trips = [];
    private readonly List<Stop> _stops = [];
    private TripSample? _held;
    private DateTimeOffset _previous;
    private long _count;

    private double? _latitude, _longitude, _soc, _odometer;
    private double _pathKm;
    private Mark _last;

    private bool _moving;
    private bool _reported;
    private Mark _segmentStart;
    private bool _segmentBeganBeforeRange;
    private Mark? _pending;
    private double _tripMax;
    private double _pendingMax;

    /// <summary>The trips and stops of the samples over the range, with the default rules.</summary>
    public static TripReport Detect(IEnumerable<TripSample> samples, DateTimeOffset from, DateTimeOffset to, TripRules? rules = null)
    {
        var detector = new TripDetector(rules ?? TripRules.Default, from, to);
        foreach (var sample in samples)
            detector.Add(sample);
        return detector.Complete();
    }

    /// <summary>Takes the next report; one no later than the previous (a repeat) is ignored.</summary>
    public void Add(TripSample sample)
    {
        if (_held is { } held)
        {
            if (sample.Time <= held.Time)
                return;
            Process(held, gapAfter: sample.Time - held.Time > rules.LongestGap);
        }
        _held = sample;
    }

    public TripReport Complete(IReadOnlyList<TripPosition>? track = null)
    {
        // Silence from the last report to the end of the range is a gap like any other.
        if (_held is { } held)
            Process(held, gapAfter: to - held.Time > rules.LongestGap);
        _held = null;
        if (_count == 0)
            return new TripReport(_trips, _stops, 0, track ?? []);
        // A vehicle parked at the end of the range is taken to stay parked to its end, reporting or not.
        var end = _last with { Time = to > _last.Time ? to : _last.Time };
        if (_pending is { } pending)
        {
            Emit(_segmentStart, pending, continues: false);
            // A trip followed by a silence longer than the longest gap: the silence is the stop the trip ended in.
            if (_moving && to - _last.Time > rules.LongestGap)
            {
                _moving = false;
                _segmentBeganBeforeRange = false;
                Emit(pending, end, continues: true);
            }
        }
        else
            Emit(_segmentStart, _moving ? _last : end, continues: true);
        return new TripReport(_trips, _stops, _count, track ?? []);
    }

    private void Process(TripSample sample, bool gapAfter)
    {
        var gapBefore = sample.Time - (_count == 0 ? from : _previous) > rules.LongestGap;
        var moving = !gapBefore && !gapAfter && sample.SpeedKmh > rules.MotionThresholdKmh;
        _previous = sample.Time;
        var mark = Advance(sample);
        _last = mark;
        if (_count++ == 0)
        {
            // The state of the first report stands at once, as it does for Traccar: the range may start mid-trip.
            _moving = _reported = moving;
            _segmentStart = mark;
            _segmentBeganBeforeRange = !gapBefore;
            _tripMax = sample.SpeedKmh;
            return;
        }
        if (moving != _reported)
        {
            _reported = moving;
            if (moving == _moving)
            {
                // Back to the confirmed state before the change counted: nothing happened.
                if (moving)
                    _tripMax = Math.Max(Math.Max(_tripMax, _pendingMax), sample.SpeedKmh);
                _pending = null;
                return;
            }
            _pending = mark;
            if (moving)
                _pendingMax = sample.SpeedKmh;
            else
            {
                // The first parked report still ends the trip; what comes after it belongs to the trip only if the stop fails.
                _tripMax = Math.Max(_tripMax, sample.SpeedKmh);
                _pendingMax = 0;
            }
            return;
        }
        if (_pending is not { } start)
        {
            if (moving)
                _tripMax = Math.Max(_tripMax, sample.SpeedKmh);
            return;
        }
        _pendingMax = Math.Max(_pendingMax, sample.SpeedKmh);
        var lasted = mark.Time - start.Time;
        var counts = moving
            ? lasted >= rules.MinimumTripDuration || Distance(start, mark).Km >= rules.MinimumTripDistanceKm
            : lasted >= rules.MinimumStopDuration;
        if (!counts)
            return;
        Emit(_segmentStart, start, continues: false);
        _moving = moving;
        _segmentStart = start;
        _segmentBeganBeforeRange = false;
        _pending = null;
        if (moving)
            _tripMax = _pendingMax;
    }

    private Mark Advance(TripSample sample)
    {
        if (sample.Latitude is { } lat && sample.Longitude is { } lon)
        {
            if (_latitude is { } lastLat && _longitude is { } lastLon)
                _pathKm += Haversine.Km(lastLat, lastLon, lat, lon);
            (_latitude, _longitude) = (lat, lon);
        }
        _soc = sample.Soc ?? _soc;
        _odometer = sample.OdometerKm ?? _odometer;
        return new Mark(sample.Time, _latitude, _longitude, _soc, _odometer, _pathKm);
    }

    private static (double Km, bool FromOdometer) Distance(Mark start, Mark end) =>
        start.OdometerKm is { } a && end.OdometerKm is { } b && b >= a ? (b - a, true) : (end.PathKm - start.PathKm, false);

    private void Emit(Mark start, Mark end, bool continues)
    {
        if (end.Time <= start.Time)
            return;
        if (_moving)
        {
            var (km, fromOdometer) = Distance(start, end);
            _trips.Add(new Trip(start.Time, end.Time, start.Latitude, start.Longitude, end.Latitude, end.Longitude, km, fromOdometer, _tripMax,
                start.Soc is { } a && end.Soc is { } b ? a - b : null, _segmentBeganBeforeRange, continues));
        }
        else
            _stops.Add(new Stop(start.Time, end.Time, start.Latitude, start.Longitude, _segmentBeganBeforeRange, continues));
    }
}

/// <summary>Great-circle distance on a sphere of the Earth's mean radius.</summary>
public static class Haversine
{
    private const double EarthRadiusKm = 6371.0088;

    public static double Km(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
