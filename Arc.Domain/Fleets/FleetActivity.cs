using System.Globalization;
using Arc.Domain.Trips;

namespace Arc.Domain.Fleets;

/// <summary>What a vehicle of a fleet is doing, as the fleet dashboard counts and filters it; each vehicle has exactly one.</summary>
public enum VehicleActivity
{
    Moving,
    Charging,
    Parked,
    /// <summary>Heard from within the last day, but not lately.</summary>
    Quiet,
    /// <summary>Last heard from more than a day ago.</summary>
    NotReporting,
    /// <summary>Never heard from.</summary>
    NeverReported,
}

/// <summary>
/// The fleet dashboard's definitions, from each vehicle's latest telemetry and last-seen time (the newer of the latest
/// point in the telemetry store and the intake's last-seen read model). One place, so the counts, the table's filter and
/// the captions that explain them always agree.
/// </summary>
public static class FleetActivityRules
{
    /// <summary>A vehicle whose last report is at most this old is reporting now (vehicles report every few seconds while awake).</summary>
    public static readonly TimeSpan ReportingWithin = TimeSpan.FromMinutes(15);

    /// <summary>A vehicle silent for longer than this is not reporting.</summary>
    public static readonly TimeSpan SilentAfter = TimeSpan.FromHours(24);

    /// <summary>Faster than this (km/h) is moving: the motion threshold trip detection uses.</summary>
    public static double MovingAboveKmh => TripRules.Default.MotionThresholdKmh;

    /// <summary>A standing vehicle whose battery takes in more than this current (amperes) is charging.</summary>
    public const double ChargingAboveAmps = 1.0;

    public static VehicleActivity Classify(DateTimeOffset? lastSeen, double? speedKmh, double? packCurrentA, DateTimeOffset now)
    {
        if (lastSeen is not { } seen)
            return VehicleActivity.NeverReported;
        var age = now - seen;
        if (age > SilentAfter)
            return VehicleActivity.NotReporting;
        if (age > ReportingWithin)
            return VehicleActivity.Quiet;
        if (speedKmh > MovingAboveKmh)
            return VehicleActivity.Moving;
        return packCurrentA > ChargingAboveAmps ? VehicleActivity.Charging : VehicleActivity.Parked;
    }

    public static bool IsReporting(VehicleActivity activity) => activity is VehicleActivity.Moving or VehicleActivity.Charging or VehicleActivity.Parked;

    public static bool IsSilent(VehicleActivity activity) => activity is VehicleActivity.NotReporting or VehicleActivity.NeverReported;

    public static string Label(VehicleActivity activity) => activity switch
    {
        VehicleActivity.Moving => "Moving",
        VehicleActivity.Charging => "Charging",
        VehicleActivity.Parked => "Parked",
        VehicleActivity.Quiet => "Quiet",
        VehicleActivity.NotReporting => "Not reporting",
        _ => "Never reported",
    };

    /// <summary>The definition of each figure, as the dashboard's captions and tooltips show it.</summary>
    public static string Definition(VehicleActivity activity) => activity switch
    {
        VehicleActivity.Moving => $"Reporting now, last speed above {Number(MovingAboveKmh)} km/h.",
        VehicleActivity.Charging => $"Reporting now, not moving, battery taking in more than {Number(ChargingAboveAmps)} A.",
        VehicleActivity.Parked => "Reporting now, neither moving nor charging.",
        VehicleActivity.Quiet => $"Last report between {Minutes(ReportingWithin)} and {Hours(SilentAfter)} ago.",
        VehicleActivity.NotReporting => $"Last report more than {Hours(SilentAfter)} ago.",
        _ => "No report ever received.",
    };

    public static string ReportingDefinition => $"Last report (telemetry or intake) at most {Minutes(ReportingWithin)} ago.";

    public static string SilentDefinition => $"Last report more than {Hours(SilentAfter)} ago, or never.";

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
    private static string Minutes(TimeSpan span) => $"{span.TotalMinutes:0} minutes";
    private static string Hours(TimeSpan span) => $"{span.TotalHours:0} hours";
}

/// <summary>One bar of the state-of-charge distribution: vehicles whose latest charge lies in [From, To), the last bar including 100.</summary>
public sealed record SocBucket(string Label, double? From, double? To, int Vehicles);

public static class SocBuckets
{
    /// <summary>The bars' lower edges: 0–20, 20–40, 40–60, 60–80, 80–100 %.</summary>
    public static readonly IReadOnlyList<int> Edges = [0, 20, 40, 60, 80, 100];

    public const string UnknownLabel = "Unknown";

    /// <summary>
    /// Counts the vehicles per bar. A reading outside 0–100 % (a sensor glitch) counts in the nearest end bar; a vehicle
    /// without one, under "Unknown", so the bars always add up to the fleet.
    /// </summary>
    public static IReadOnlyList<SocBucket> Count(IEnumerable<double?> socs)
    {
        var counts = new int[Edges.Count];
        foreach (var soc in socs)
            counts[soc is { } value && double.IsFinite(value) ? IndexOf(value) : Edges.Count - 1]++;
        var buckets = new List<SocBucket>();
        for (var i = 0; i < Edges.Count - 1; i++)
            buckets.Add(new SocBucket($"{Edges[i]}–{Edges[i + 1]} %", Edges[i], Edges[i + 1], counts[i]));
        buckets.Add(new SocBucket(UnknownLabel, null, null, counts[^1]));
        return buckets;
    }

    /// <summary>The bar a charge falls in (0 to 4).</summary>
    public static int IndexOf(double soc) => soc >= Edges[^2] ? Edges.Count - 2 : soc < Edges[1] ? 0 : (int)(soc / (Edges[1] - Edges[0]));
}
