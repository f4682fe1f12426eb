using System.Globalization;
using System.Text.Json.Nodes;
using Arc.Domain.Telemetry;

namespace Arc.Infrastructure.Intake.Mqtt;

/// <summary>
/// A sample as a vehicle sends it (spec/backend.md §6.3): <c>{vin, data: [{point: value, ..., timestamp}]}</c>, the
/// position as one <c>gps_position</c> "lat,lon" text, so the intake's transform gives back the sample's own fields.
/// </summary>
public static class DeviceTelemetryMessage
{
    public static byte[] Body(TelemetrySample sample)
    {
        var item = new JsonObject();
        foreach (var (point, value) in sample.Fields)
        {
            if (point is not ("gps_latitude" or "gps_longitude"))
                item[point] = value;
        }
        if (sample.Fields.TryGetValue("gps_latitude", out var latitude) && sample.Fields.TryGetValue("gps_longitude", out var longitude))
            item["gps_position"] = string.Create(CultureInfo.InvariantCulture, $"{latitude:R},{longitude:R}");
        item["timestamp"] = sample.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["vin"] = sample.Vin, ["data"] = new JsonArray(item) }.ToJsonString());
    }
}
