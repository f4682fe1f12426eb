using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Api.Contract;

/// <summary>The cases of <c>/api/v1/fleets</c> and a fleet's vehicles, each on a fleet of its own.</summary>
public static partial class ContractCases
{
    private const string Fleets = "api/v1/fleets";

    private static Dictionary<string, ContractCase> FleetCases() => new()
    {
        ["ListFleets"] = new(Ready("GET", Fleets + "?pageSize=5&sort=name&desc=true"),
            Errors((400, Ready("GET", Fleets + "?sort=drop")))),
        ["GetFleet"] = new(async portal => Call("GET", $"{Fleets}/{await NewFleetAsync(portal)}"),
            Errors((400, Ready("GET", Fleets + "/one")))),
        ["CreateFleet"] = new(CreateFleetAsync,
            Errors(
                (400, Ready("POST", Fleets, """{"name": ["x"]}""")),
                (422, KeyReused(CreateFleetAsync, """{"name": "Another fleet"}"""))),
            Shown((409, StillRunning))),
        ["RenameFleet"] = new(async portal => Call("PUT", $"{Fleets}/{await NewFleetAsync(portal)}", Json(new { name = FleetTestData.NewFleetName("Renamed fleet") })),
            Errors(
                (400, async portal => Call("PUT", $"{Fleets}/{await NewFleetAsync(portal)}", """{"name": ["x"]}"""))),
            Shown((409, SavedAtOnce))),
        ["DeleteFleet"] = new(async portal => Call("DELETE", $"{Fleets}/{await NewFleetAsync(portal)}"),
            Errors(
                (400, Ready("DELETE", Fleets + "/one")),
                (409, Ready("DELETE", Fleets + "/1")))),
        ["ListFleetVehicles"] = new(Ready("GET", Fleets + "/1/vehicles?pageSize=5"),
            Errors((400, Ready("GET", Fleets + "/1/vehicles?pageSize=many")))),
        ["AddFleetVehicle"] = new(async portal => Call("PUT", $"{Fleets}/{await NewFleetAsync(portal)}/vehicles/{await NewVehicleAsync(portal)}"),
            Elsewhere: Shown((409, SavedAtOnce))),
        ["RemoveFleetVehicle"] = new(async portal =>
            {
                var (id, vin) = await FleetWithVehicleAsync(portal);
                return Call("DELETE", $"{Fleets}/{id}/vehicles/{vin}");
            },
            Errors((409, async portal => Call("DELETE", $"{Fleets}/1/vehicles/{await NewVehicleAsync(portal)}")))),
        ["AddFleetVehicles"] = new(AddFleetVehiclesAsync,
            Errors(
                (400, async portal => Call("POST", $"{Fleets}/{await NewFleetAsync(portal)}/vehicles", """{"vins": ["<script>alert(1)</script>"]}""")),
                (404, Ready("POST", Fleets + "/987654321/vehicles", Json(new { vins = new[] { DemoVins.First } }))),
                (422, KeyReused(AddFleetVehiclesAsync, """{"vins": []}"""))),
            Shown((409, StillRunning))),
        ["RemoveFleetVehicles"] = new(RemoveFleetVehiclesAsync,
            Errors(
                (400, async portal => Call("POST", $"{Fleets}/{await NewFleetAsync(portal)}/vehicles/remove", """{"vins": ["<script>alert(1)</script>"]}""")),
                (404, Ready("POST", Fleets + "/987654321/vehicles/remove", Json(new { vins = new[] { DemoVins.First } }))),
                (422, KeyReused(RemoveFleetVehiclesAsync, """{"vins": []}"""))),
            Shown((409, StillRunning))),
    };

    private static Task<ContractRequest> CreateFleetAsync(ContractPortal portal) =>
        Task.FromResult(Create(Fleets, Json(new { name = FleetTestData.NewFleetName("Contract fleet") })));

    private static async Task<ContractRequest> AddFleetVehiclesAsync(ContractPortal portal)
    {
        var vins = await RecallTestData.AddVehiclesAsync(portal.Portal, 2);
        return Create($"{Fleets}/{await NewFleetAsync(portal)}/vehicles", Json(new { vins }));
    }

    private static async Task<ContractRequest> RemoveFleetVehiclesAsync(ContractPortal portal)
    {
        var (id, vin) = await FleetWithVehicleAsync(portal);
        return Create($"{Fleets}/{id}/vehicles/remove", Json(new { vins = new[] { vin } }));
    }

    private static async Task<int> NewFleetAsync(ContractPortal portal) =>
        (await SetUpAsync(portal, "POST", Fleets, Json(new { name = FleetTestData.NewFleetName("Contract fleet") }))).Body.GetProperty("id").GetInt32();

    private static async Task<string> NewVehicleAsync(ContractPortal portal) => (await FleetTestData.AddVehiclesAsync(portal.Portal, 1)).Single();

    private static async Task<(int Id, string Vin)> FleetWithVehicleAsync(ContractPortal portal)
    {
        var id = await NewFleetAsync(portal);
        var vin = await NewVehicleAsync(portal);
        await SetUpAsync(portal, "PUT", $"{Fleets}/{id}/vehicles/{vin}");
        return (id, vin);
    }
}
