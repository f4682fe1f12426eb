namespace Arc.Portal.Tests.Integration.Api.Contract;

/// <summary>The cases of a fleet's members and settings, each on a fleet of its own.</summary>
public static partial class ContractCases
{
    private static Dictionary<string, ContractCase> FleetMemberAndSettingCases() => new()
    {
        ["AddFleetUser"] = new(async portal => Call("PUT", $"{Fleets}/{await NewFleetAsync(portal)}/users/{await NewMemberEmailAsync(portal)}"),
            Errors((400, async portal =>
            {
                var (id, username) = await FleetWithUserAsync(portal);
                return Call("PUT", $"{Fleets}/{id}/users/{username}");
            }
        )),
            Shown((409, SavedAtOnce))),
        ["RemoveFleetUser"] = new(async portal =>
            {
                var (id, username) = await FleetWithUserAsync(portal);
                return Call("DELETE", $"{Fleets}/{id}/users/{username}");
            },
            Errors((400, Ready("DELETE", Fleets + "/one/users/nobody")))),
        ["GetFleetSettings"] = new(async portal => Call("GET", $"{Fleets}/{await NewFleetAsync(portal)}/settings"),
            Errors((400, Ready("GET", Fleets + "/one/settings")))),
        ["SetFleetType"] = new(async portal => Call("PUT", $"{Fleets}/{await NewFleetAsync(portal)}/settings/type", """{"id": null}"""),
            Errors((400, async portal => Call("PUT", $"{Fleets}/{await NewFleetAsync(portal)}/settings/type", """{"id": 987654}""")))),
        ["SetFleetLocation"] = new(async portal => Call("PUT", $"{Fleets}/{await NewFleetAsync(portal)}/settings/location", """{"id": null}"""),
            Errors((400, async portal => Call("PUT", $"{Fleets}/{await NewFleetAsync(portal)}/settings/location", """{"id": 987654}""")))),
        ["SetFleetDepartmentCode"] = new(async portal => Call("PUT", $"{Fleets}/{await NewFleetAsync(portal)}/settings/department-code", """{"id": null}"""),
            Errors((400, async portal => Call("PUT", $"{Fleets}/{await NewFleetAsync(portal)}/settings/department-code", """{"id": "670"}""")))),
    };

    /// <summary>A fleet of its own with a new user as its member; the fleet's id and the member's username.</summary>
    private static async Task<(int Id, string Username)> FleetWithUserAsync(ContractPortal portal)
    {
        var id = await NewFleetAsync(portal);
        var (member, _) = await SetUpAsync(portal, "PUT", $"{Fleets}/{id}/users/{await NewMemberEmailAsync(portal)}");
        return (id, member.GetProperty("username").GetString()!);
    }
}
