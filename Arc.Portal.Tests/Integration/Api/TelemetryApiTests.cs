using System.Text.Json;
using Arc.Domain.Telemetry;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// <c>/api/v1/vehicles/{vin}/telemetry</c> on the running portal, with telemetry written for a vehicle of the test's own:
/// the latest status, one point over a range, the old <c>point[start:end]</c> form, and their refusals.
/// </summary>
[Collection(ResourceApiCollection.Name)]
public sealed class TelemetryApiTests(ResourceApiPortal api)
{
    private async Task<(string Vin, DateTimeOffset Written)> VehicleWithTelemetryAsync()
    {
        var vin = (await RecallTestData.AddVehiclesAsync(api.Portal, 1)).Single();
        var store = api.Portal.Services.GetRequiredService<ITelemetryStore>();
        var written = DateTimeOffset.UtcNow.AddMinutes(-10);
        await store.WriteAsync([
            new TelemetrySample(vin, written, new Dictionary<string, double> { ["bms_pack_soc"] = 64, ["speed"] = 30 }),
            new TelemetrySample(vin, written.AddMinutes(5), new Dictionary<string, double> { ["bms_pack_soc"] = 61, ["speed"] = 42 }),
        ]);
        return (vin, written);
    }

    [Fact]
    public async Task A_credential_reads_the_latest_status_a_range_and_the_old_query_form()
    {
        var (vin, written) = await VehicleWithTelemetryAsync();
        var token = await api.TokenAsync("support");

        using var status = await api.SendAsync(HttpMethod.Get, $"api/v1/vehicles/{vin}/telemetry", token);
        var body = JsonDocument.Parse(await ResourceApiPortal.ExpectAsync(status, 200)).RootElement;
        Assert.Equal((vin, 61d), (body.GetProperty("vin").GetString(), body.GetProperty("soc").GetDouble()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("latitude").ValueKind);

        var start = Uri.EscapeDataString(written.AddMinutes(-30).ToString("O"));
        using var series = await api.SendAsync(HttpMethod.Get, $"api/v1/vehicles/{vin}/telemetry/points/speed?start={start}", token);
        var points = JsonDocument.Parse(await ResourceApiPortal.ExpectAsync(series, 200)).RootElement.GetProperty("points");
        Assert.Equal(2, points.GetArrayLength());

        var from = written.AddMinutes(-1).ToUnixTimeMilliseconds();
        var to = written.AddMinutes(1).ToUnixTimeMilliseconds();
        var query = Uri.EscapeDataString($"bms_pack_soc,speed[1h:],speed[{from}ms:{to}ms],speed[3h],never_reported");
        using var old = await api.SendAsync(HttpMethod.Get, $"api/v1/vehicles/{vin}/telemetry/query?points={query}", token);
        var answer = JsonDocument.Parse(await ResourceApiPortal.ExpectAsync(old, 200)).RootElement;
        Assert.Equal(61, answer.GetProperty("latest").GetProperty("bms_pack_soc").GetProperty("value").GetDouble());
        Assert.Equal(42, answer.GetProperty("latest").GetProperty("speed[3h]").GetProperty("value").GetDouble());
        Assert.False(answer.GetProperty("latest").TryGetProperty("never_reported", out _));
        Assert.Equal(2, answer.GetProperty("periods").GetProperty("speed[1h:]").GetProperty("points").GetArrayLength());
        var window = answer.GetProperty("periods").GetProperty($"speed[{from}ms:{to}ms]").GetProperty("points");
        Assert.Equal(30, window.EnumerateArray().Single().GetProperty("value").GetDouble());

        using var staff = await api.SendAsync(HttpMethod.Get, $"api/v1/vehicles/{vin}/telemetry", null, client: await api.AdminCookieClientAsync());
        await ResourceApiPortal.ExpectAsync(staff, 200);
    }

    [Fact]
    public async Task Malformed_queries_are_400_problems_naming_what_is_wrong()
    {
        var (vin, _) = await VehicleWithTelemetryAsync();
        var token = await api.TokenAsync("support");
        var tooMany = string.Join(',', Enumerable.Range(0, 51).Select(i => $"p{i}"));
        foreach (var form in new[]
        {
            "", "speed[1x:]", "speed[1h:2h]", "speed[1620000000000:1620000001000]", "Speed", "speed[", "speed]1h:[", "speed[1h:][2h:]",
            "'; DROP MEASUREMENT telemetry; --", "speed[99999999999999999999h:]", "speed[1620000000000ms:9999999999999999999ms]",
            "gps_latitude", "speed[400d:]", tooMany, new string('a', 5000),
        })
        {
            using var bad = await api.SendAsync(HttpMethod.Get, $"api/v1/vehicles/{vin}/telemetry/query?points={Uri.EscapeDataString(form)}", token);
            var problem = JsonDocument.Parse(await ResourceApiPortal.ExpectAsync(bad, 400)).RootElement;
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), form);
        }
        foreach (var path in new[]
        {
            "points/speed", "points/speed?start=yesterday", $"points/speed?start={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddYears(-2).ToString("O"))}",
            "points/Robert'); DROP TABLE--?start=2026-01-01T00:00:00Z", "points/gps_latitude?start=2026-01-01T00:00:00Z",
        })
        {
            using var bad = await api.SendAsync(HttpMethod.Get, $"api/v1/vehicles/{vin}/telemetry/{path}", token);
            await ResourceApiPortal.ExpectAsync(bad, 400);
        }
        using var badVin = await api.SendAsync(HttpMethod.Get, "api/v1/vehicles/not-a-vin/telemetry", token);
        await ResourceApiPortal.ExpectAsync(badVin, 400);
    }

    [Fact]
    public async Task Without_a_token_without_access_or_for_an_unknown_vehicle_the_call_is_refused()
    {
        var (vin, _) = await VehicleWithTelemetryAsync();
        using var none = await api.SendAsync(HttpMethod.Get, $"api/v1/vehicles/{vin}/telemetry", null);
        await ResourceApiPortal.ExpectAsync(none, 401);
        using var denied = await api.SendAsync(HttpMethod.Get, $"api/v1/vehicles/{vin}/telemetry/query?points=speed", await api.TokenAsync("fleets_admin"));
        await ResourceApiPortal.ExpectAsync(denied, 403);
        using var unknown = await api.SendAsync(HttpMethod.Get, $"api/v1/vehicles/{RecallTestData.NewVin()}/telemetry", await api.TokenAsync("support"));
        await ResourceApiPortal.ExpectAsync(unknown, 404);
    }
}
