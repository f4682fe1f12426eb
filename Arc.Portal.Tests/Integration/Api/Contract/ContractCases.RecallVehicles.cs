using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Api.Contract;

/// <summary>The cases of <c>/api/v1/recalls/{id}/vehicles</c>, each on a recall with a remedy and vehicles of its own.</summary>
public static partial class ContractCases
{
    private static Dictionary<string, ContractCase> RecallVehicleCases() => new()
    {
        ["ListRecallVehicles"] = new(async portal =>
            {
                var (id, _) = await RecallWithVehicleAsync(portal);
                return Call("GET", $"{Recalls}/{id}/vehicles?status=open&pageSize=5");
            },
            Errors((400, async portal => Call("GET", $"{Recalls}/{await RecallWithRemedyAsync(portal)}/vehicles?status=lost")))),
        ["AddRecallVehicles"] = new(AddRecallVehiclesAsync,
            Errors(
                (400, async portal => Call("POST", $"{Recalls}/{await RecallWithRemedyAsync(portal)}/vehicles", """{"vins": ["<script>alert(1)</script>"]}""")),
                (404, Ready("POST", Recalls + "/987654321/vehicles", Json(new { vins = new[] { DemoVins.First } }))),
                (422, async portal => await KeyReused(AddRecallVehiclesAsync, Json(new { vins = await RecallTestData.AddVehiclesAsync(portal.Portal, 1) }))(portal))),
            Shown((409, StillRunning))),
        ["ServiceRecallVehicles"] = new(ServiceRecallVehiclesAsync,
            Errors(
                (400, async portal => Call("POST", $"{Recalls}/{await RecallWithRemedyAsync(portal)}/vehicles/service", """{"vins": ["not a vin"]}""")),
                (404, Ready("POST", Recalls + "/987654321/vehicles/service", Json(new { vins = new[] { DemoVins.First } }))),
                (422, KeyReused(ServiceRecallVehiclesAsync, """{"vins": [], "serviceReference": "another"}"""))),
            Shown((409, StillRunning))),
        ["EditRecallVehicle"] = new(async portal =>
            {
                var (id, vin) = await RecallWithVehicleAsync(portal);
                return Call("PUT", $"{Recalls}/{id}/vehicles/{vin}", """{"status": "Unreachable", "unreachableReason": "Scrapped"}""",
                    await EntryVersionAsync(portal, id, vin));
            },
            Errors(
                (412, async portal =>
                {
                    var (id, vin) = await RecallWithVehicleAsync(portal);
                    return Call("PUT", $"{Recalls}/{id}/vehicles/{vin}", """{"status": "Unreachable", "unreachableReason": "Stolen"}""", StaleTag);
                }
        )),
            Shown((409, SavedMeanwhile(RecallRace)))),
        ["RemoveRecallVehicle"] = new(async portal =>
        {
            var (id, vin) = await RecallWithVehicleAsync(portal);
            return Call("DELETE", $"{Recalls}/{id}/vehicles/{vin}");
        }),
    };

    private static async Task<ContractRequest> AddRecallVehiclesAsync(ContractPortal portal)
    {
        var vins = await RecallTestData.AddVehiclesAsync(portal.Portal, 2);
        return Create($"{Recalls}/{await RecallWithRemedyAsync(portal)}/vehicles", Json(new { vins }));
    }

    private static async Task<ContractRequest> ServiceRecallVehiclesAsync(ContractPortal portal)
    {
        var (id, vin) = await RecallWithVehicleAsync(portal);
        return Create($"{Recalls}/{id}/vehicles/service", Json(new { vins = new[] { vin }, serviceDate = "2024-02-01", serviceReference = "RO-1" }));
    }

    /// <summary>A recall with a remedy and one open vehicle of its own.</summary>
    private static async Task<(int Id, string Vin)> RecallWithVehicleAsync(ContractPortal portal)
    {
        var id = await RecallWithRemedyAsync(portal);
        var vin = (await RecallTestData.AddVehiclesAsync(portal.Portal, 1)).Single();
        await RecallTestData.AddToRecallAsync(portal.Portal, id, [vin]);
        return (id, vin);
    }

    /// <summary>The entity tag of a vehicle's entry in a recall: its version in the recall's list, in quotes.</summary>
    private static async Task<string> EntryVersionAsync(ContractPortal portal, int id, string vin)
    {
        var (page, _) = await SetUpAsync(portal, "GET", $"{Recalls}/{id}/vehicles?vin={Uri.EscapeDataString(vin)}");
        var entry = page.GetProperty("page").GetProperty("items").EnumerateArray().Single(e => e.GetProperty("vin").GetString() == vin);
        return $"\"{entry.GetProperty("version").GetUInt32()}\"";
    }
}
