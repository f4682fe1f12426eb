using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Telemetry;

namespace Arc.Domain.InsurerExports;

/// <summary>A vehicle of a fleet that has a type and a location, as the export describes it.</summary>
public sealed record InsurerVehicle(string Vin, string LocationName, string? City, string? State, string? LocationCode, string Coverage, string? Model,
    string? DepartmentCode);

/// <summary>A vehicle's odometer over the month, in miles.</summary>
public readonly record struct OdometerMiles(double Start, double End);

/// <summary>
/// The export file in the shape the old export wrote (its <c>output.$schema.json</c>):
/// <c>{start, end, vehicles: [{vin, location: {name, city, state, location_code}, coverage, model, department_code,
/// telemetry: {odometer: {start, end}} | "unknown"}]}</c>, odometers in miles.
/// </summary>
public static class InsurerDocument
{
    /// <summary>The factor the old export converted with (spec/backend.md §1.22).</summary>
    public const double MilesPerKilometre = 0.621371;

    public const string Unknown = "unknown";

    public static double Miles(double km) => Math.Round(km * MilesPerKilometre, 3, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The month's first and last readings; for a vehicle silent all month, its last reading before it as both; null
    /// (written "unknown") for a vehicle that never reported an odometer.
    /// </summary>
    public static OdometerMiles? Odometer(MonthOdometers? readings)
    {
        if (readings is null)
            return null;
        if ((readings.First ?? readings.Last) is { } first && (readings.Last ?? readings.First) is { } last)
            return new OdometerMiles(Miles(first.Km), Miles(last.Km));
        return readings.Before is { } before ? new OdometerMiles(Miles(before.Km), Miles(before.Km)) : null;
    }

    /// <summary>The model's name from the VIN's model letter (position 5 behind the environment prefix), null when unknown.</summary>
    public static string? ModelOf(string vin, DeploymentEnvironment environment, IReadOnlyDictionary<string, string> modelsByLetter)
    {
        var prefix = environment.VinPrefix();
        var bare = vin.StartsWith(prefix, StringComparison.Ordinal) ? vin[prefix.Length..] : vin;
        return bare.Length > 4 && modelsByLetter.TryGetValue(bare[4].ToString(), out var name) ? name : null;
    }

    public static byte[] Write(ExportMonth month, IReadOnlyList<(InsurerVehicle Vehicle, OdometerMiles? Odometer)> vehicles)
    {
        var list = new JsonArray();
        foreach (var (v, odometer) in vehicles)
        {
            list.Add(new JsonObject
            {
                ["vin"] = v.Vin,
                ["location"] = new JsonObject
                {
                    ["name"] = v.LocationName,
                    // The old export wrote Python's str(None) for a location without a city; the insurer's reader expects it.
                    ["city"] = v.City ?? "None",
                    ["state"] = v.State,
                    ["location_code"] = v.LocationCode,
                },
                ["coverage"] = v.Coverage,
                ["model"] = v.Model,
                ["department_code"] = v.DepartmentCode,
                ["telemetry"] = odometer is { } o
                    ? new JsonObject { ["odometer"] = new JsonObject { ["start"] = o.Start, ["end"] = o.End } }
                    : JsonValue.Create(Unknown),
            });
        }
        var document = new JsonObject
        {
            ["start"] = Timestamp(month.Start),
            ["end"] = Timestamp(month.End),
            ["vehicles"] = list,
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Options);
    }

    /// <summary>Timestamps as the old system returned them: <c>YYYY-MM-DD HH:MM:SS</c>, UTC.</summary>
    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };
}
