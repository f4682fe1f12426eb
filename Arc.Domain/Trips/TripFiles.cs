using System.Globalization;
using System.Text;
using System.Xml;

namespace Arc.Domain.Trips;

/// <summary>The trips tab's table as CSV, and trips as GPX 1.1 (one track per trip) for mapping tools.</summary>
public static class TripFiles
{
    public static readonly IReadOnlyList<string> CsvHeader =
    [
        "kind", "start_utc", "end_utc", "duration_s", "distance_km", "distance_source", "max_speed_kmh", "avg_speed_kmh", "soc_used_pct",
        "start_latitude", "start_longitude", "end_latitude", "end_longitude", "began_before_range", "continues_after_range",
    ];

    /// <summary>Trips and stops in time order, one row each. Every cell is a number, time or word of ours, so none needs the formula guard.</summary>
    public static string Csv(TripReport report)
    {
        var text = new StringBuilder(string.Join(',', CsvHeader)).Append("\r\n");
        foreach (var cells in Rows(report))
            text.AppendJoin(',', cells).Append("\r\n");
        return text.ToString();
    }

    /// <summary>A page of a fleet's trips: the same rows, each led by its VIN (letters, digits and dashes: no guard needed either).</summary>
    public static string Csv(FleetTripReport report)
    {
        var text = new StringBuilder("vin,").AppendJoin(',', CsvHeader).Append("\r\n");
        foreach (var vehicle in report.Vehicles)
        {
            foreach (var cells in Rows(vehicle.Report))
                text.Append(vehicle.Vin).Append(',').AppendJoin(',', cells).Append("\r\n");
        }
        return text.ToString();
    }

    private static IEnumerable<string[]> Rows(TripReport report) =>
        report.Trips.Select(t => (t.Start, Cells: new[]
            {
                "trip", Time(t.Start), Time(t.End), Number(t.Duration.TotalSeconds, "0"), Number(t.DistanceKm, "0.###"), t.DistanceFromOdometer ? "odometer" : "gps",
                Number(t.MaxSpeedKmh, "0.#"), Number(t.AverageSpeedKmh, "0.#"), Number(t.SocUsed, "0.##"), Number(t.StartLatitude, "0.000000"),
                Number(t.StartLongitude, "0.000000"), Number(t.EndLatitude, "0.000000"), Number(t.EndLongitude, "0.000000"), Flag(t.BeganBeforeRange),
                Flag(t.ContinuesAfterRange),
            }))
            .Concat(report.Stops.Select(s => (s.Start, Cells: new[]
            {
                "stop", Time(s.Start), Time(s.End), Number(s.Duration.TotalSeconds, "0"), "", "", "", "", "", Number(s.Latitude, "0.000000"),
                Number(s.Longitude, "0.000000"), "", "", Flag(s.BeganBeforeRange), Flag(s.ContinuesAfterRange),
            })))
            .OrderBy(r => r.Start).ThenBy(r => r.Cells[0] == "stop").Select(r => r.Cells);

    /// <summary>A GPX document with a track per trip, from the report's positions within each trip's time.</summary>
    public static string Gpx(string vin, IEnumerable<Trip> trips, IReadOnlyList<TripPosition> track)
    {
        // Written to bytes, not a StringWriter, so the declaration says UTF-8.
        using var output = new MemoryStream();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using (var xml = XmlWriter.Create(output, settings))
        {
            const string ns = "http://www.topografix.com/GPX/1/1";
            xml.WriteStartDocument();
            xml.WriteStartElement("gpx", ns);
            xml.WriteAttributeString("version", "1.1");
            xml.WriteAttributeString("creator", "Arc Portal");
            foreach (var trip in trips)
            {
                xml.WriteStartElement("trk", ns);
                xml.WriteElementString("name", ns, $"{vin} {Time(trip.Start)}");
                xml.WriteElementString("desc", ns, string.Create(CultureInfo.InvariantCulture,
                    $"{trip.DistanceKm:0.###} km in {trip.Duration.TotalMinutes:0} min, up to {trip.MaxSpeedKmh:0} km/h"));
                xml.WriteStartElement("trkseg", ns);
                foreach (var position in track.Where(p => p.Time >= trip.Start && p.Time <= trip.End))
                {
                    xml.WriteStartElement("trkpt", ns);
                    xml.WriteAttributeString("lat", position.Latitude.ToString("0.000000", CultureInfo.InvariantCulture));
                    xml.WriteAttributeString("lon", position.Longitude.ToString("0.000000", CultureInfo.InvariantCulture));
                    xml.WriteElementString("time", ns, Time(position.Time));
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    private static string Flag(bool value) => value ? "yes" : "no";
}
