using Arc.Domain.Telemetry;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Api.Contract;

/// <summary>The cases of <c>/api/v1/vehicles/{vin}/telemetry</c>, on a vehicle of the contract's own with two reports.</summary>
public static partial class ContractCases
{
    private static Dictionary<string, ContractCase> TelemetryCases() => new()
    {
        ["GetVehicleTelemetry"] = new(async portal => Call("GET", $"api/v1/vehicles/{await VehicleWithTelemetryAsync(portal)}/telemetry")),
        ["GetTelemetrySeries"] = new(async portal =>
            {
                var start = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
                return Call("GET", $"api/v1/vehicles/{await VehicleWithTelemetryAsync(portal)}/telemetry/points/speed?start={start}");
            },
            Errors((400, async portal => Call("GET", $"api/v1/vehicles/{await VehicleWithTelemetryAsync(portal)}/telemetry/points/speed?start=yesterday")))),
        ["QueryTelemetry"] = new(async portal =>
            {
                var points = Uri.EscapeDataString("bms_pack_soc,speed[1h:]");
                return Call("GET", $"api/v1/vehicles/{await VehicleWithTelemetryAsync(portal)}/telemetry/query?points={points}");
            },
            Errors((400, async portal => Call("GET", $"api/v1/vehicles/{await VehicleWithTelemetryAsync(portal)}/telemetry/query?points=speed[[")))),
    };

    private static async Task<string> VehicleWithTelemetryAsync(ContractPortal portal)
    {
        var vin = (await RecallTestData.AddVehiclesAsync(portal.Portal, 1)).Single();
        var written = DateTimeOffset.UtcNow.AddMinutes(-10);
        await portal.Portal.Services.GetRequiredService<ITelemetryStore>().WriteAsync([
            new TelemetrySample(vin, written, new Dictionary<string, double> { ["bms_pack_soc"] = 64, ["speed"] = 30 }),
            new TelemetrySample(vin, written.AddMinutes(5), new Dictionary<string, double> { ["bms_pack_soc"] = 61, ["speed"] = 42 }),
        ]);
        return vin;
    }
}
