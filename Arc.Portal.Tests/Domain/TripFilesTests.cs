using System.Xml.Linq;
using Arc.Domain.Trips;

namespace Arc.Portal.Tests.Domain;

public sealed class TripFilesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly TripReport Report = new(
        [new Trip(T0.AddMinutes(10), T0.AddMinutes(40), 44.05, -123.08, 44.10, -123.00, 21.5, true, 72, 4.5, false, false)],
        [new Stop(T0, T0.AddMinutes(10), 44.05, -123.08, true, false), new Stop(T0.AddMinutes(40), T0.AddMinutes(60), 44.10, -123.00, false, true)],
        3600,
        [new TripPosition(T0.AddMinutes(5), 44.05, -123.08), new TripPosition(T0.AddMinutes(10), 44.05, -123.08),
         new TripPosition(T0.AddMinutes(25), 44.07, -123.04), new TripPosition(T0.AddMinutes(40), 44.10, -123.00)]);

    [Fact]
    public void The_csv_lists_trips_and_stops_in_time_order_with_plain_numbers()
    {
        var lines = TripFiles.Csv(Report).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, lines.Length);
        Assert.StartsWith("kind,start_utc,end_utc,duration_s,distance_km", lines[0], StringComparison.Ordinal);
        Assert.Equal(["stop", "trip", "stop"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal("trip,2026-11-02T08:10:00Z,2026-11-02T08:40:00Z,1800,21.5,odometer,72,43,4.5,44.050000,-123.080000,44.100000,-123.000000,no,no", lines[2]);
    }

    [Fact]
    public void The_gpx_has_one_track_per_trip_with_the_positions_inside_it()
    {
        var gpx = XDocument.Parse(TripFiles.Gpx("DEV-TEST", Report.Trips, Report.Track));
        XNamespace ns = "http://www.topografix.com/GPX/1/1";

        var track = Assert.Single(gpx.Root!.Elements(ns + "trk"));
        Assert.Equal("DEV-TEST 2026-11-02T08:10:00Z", track.Element(ns + "name")!.Value);
        var points = track.Descendants(ns + "trkpt").ToList();
        Assert.Equal(3, points.Count);
        Assert.Equal("-123.040000", points[1].Attribute("lon")!.Value);
        Assert.Equal("2026-11-02T08:25:00Z", points[1].Element(ns + "time")!.Value);
        Assert.Contains("encoding=\"utf-8\"", TripFiles.Gpx("DEV-TEST", [], []), StringComparison.OrdinalIgnoreCase);
    }
}
