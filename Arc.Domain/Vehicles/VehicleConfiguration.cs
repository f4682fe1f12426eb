using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Notes;

namespace Arc.Domain.Vehicles;

/// <summary>
/// The speed governor and GPS recording as vehicle metadata (spec/backend.md §2.6): the governor in
/// <c>configuration/option_governor_max_speed</c> as whole km/h, GPS recording in <c>privacy/record_gps</c>.
/// </summary>
public static class VehicleConfiguration
{
    public const string PrivacySection = "privacy";
    public const string RecordGpsKey = "record_gps";
    public const double MinMph = 5;
    public const double MaxMph = 70;
    public const double KmPerMile = 1.609344;
    public const string RangeMessage = "Value must be between 5 and 70";

    /// <summary>The stored km/h text for a limit in mph, rounded to a whole number as the old panel sent it.</summary>
    public static string KmhText(double mph) =>
        ((long)Math.Round(mph * KmPerMile, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The limit in whole mph of a stored km/h value, or null when it is unset, zero (off) or not a number. A whole mph
    /// limit survives the trip through whole km/h: rounding loses at most 0.5 km/h, about 0.3 mph.
    /// </summary>
    public static double? Mph(string? storedKmh) =>
        double.TryParse(storedKmh, NumberStyles.Float, CultureInfo.InvariantCulture, out var kmh) && double.IsFinite(kmh) && kmh > 0
            ? Math.Round(kmh / KmPerMile, MidpointRounding.AwayFromZero)
            : null;

    /// <summary>A limit given in mph checked against the range the vehicle accepts; null means no limit.</summary>
    public static double? CheckMph(double? mph)
    {
        if (mph is null)
            return null;
        if (!double.IsFinite(mph.Value) || mph.Value < MinMph || mph.Value > MaxMph)
            throw new ValidationFailedException("maxMph", RangeMessage);
        return mph.Value;
    }

    public static async Task<VehicleMeta> MetaAsync(IArcData data, string vin, string section, string key, CancellationToken ct)
    {
        var row = await data.FirstOrDefaultAsync(data.VehicleMeta.Where(m => m.Vin == vin && m.Section == section && m.Key == key), ct);
        if (row is not null)
            return row;
        row = new VehicleMeta { Vin = vin, Section = section, Key = key, Value = "" };
        data.Add(row);
        return row;
    }

    /// <summary>A system note on the vehicle recording the change, without tags.</summary>
    public static void AddNote(IArcData data, string vin, string author, string content, DateTimeOffset at) =>
        data.Add(new Note { ObjectType = NoteObjectTypes.Vehicle, ObjectId = vin, Author = author, Content = content, Created = at, System = true });

    public static string MphText(double mph) => mph.ToString("0.#", CultureInfo.InvariantCulture);
}
