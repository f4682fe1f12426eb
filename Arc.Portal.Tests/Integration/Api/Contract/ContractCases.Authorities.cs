using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Api.Contract;

/// <summary>The cases of <c>/api/v1/authorities</c>; the contract's credential is a member of the root authority.</summary>
public static partial class ContractCases
{
    private const string Authorities = "api/v1/authorities";
    private const string AuthorityMembersRace = "ConcurrentEditTests.The_second_change_of_an_authoritys_members_from_a_stale_page_is_refused";

    private static Dictionary<string, ContractCase> AuthorityCases() => new()
    {
        ["ListAuthorities"] = new(Ready("GET", Authorities + "?description=Contract"),
            Errors(
                (400, Ready("GET", Authorities + "?description=" + new string('d', 300))))),
        ["GetAuthority"] = new(async portal => Call("GET", $"{Authorities}/{(await NewAuthorityAsync(portal)).Id}"),
            Errors((400, Ready("GET", Authorities + "/abc")))),
        ["CreateAuthority"] = new(CreateAuthorityAsync,
            Errors(
                (400, Ready("POST", Authorities, """{"description": 42}""")),
                (422, KeyReused(CreateAuthorityAsync, """{"description": "Another authority"}"""))),
            Shown((409, StillRunning))),
        ["DeleteAuthority"] = new(async portal => Call("DELETE", $"{Authorities}/{(await NewAuthorityAsync(portal)).Id}"),
            Errors(
                (400, Ready("DELETE", Authorities + "/abc")),
                (409, Ready("DELETE", Authorities + "/1")))),
        ["ListAuthorityVehicles"] = new(async portal =>
            {
                var (id, _) = await NewAuthorityAsync(portal);
                await SetUpAsync(portal, "PUT", $"{Authorities}/{id}/vehicles/{DemoVins.First}");
                return Call("GET", $"{Authorities}/{id}/vehicles?pageSize=5");
            },
            Errors((400, Ready("GET", Authorities + "/1/vehicles?pageSize=many")))),
        ["GrantAuthorityVehicle"] = new(async portal => Call("PUT", $"{Authorities}/{(await NewAuthorityAsync(portal)).Id}/vehicles/{DemoVins.First}")),
        ["RevokeAuthorityVehicle"] = new(async portal =>
            {
                var (id, _) = await NewAuthorityAsync(portal);
                await SetUpAsync(portal, "PUT", $"{Authorities}/{id}/vehicles/{DemoVins.First}");
                return Call("DELETE", $"{Authorities}/{id}/vehicles/{DemoVins.First}");
            },
            Errors((409, Ready("DELETE", $"{Authorities}/1/vehicles/{DemoVins.First}")))),
        ["AddAuthorityMember"] = new(async portal =>
            {
                var (id, etag) = await NewAuthorityAsync(portal);
                return Call("PUT", $"{Authorities}/{id}/members/{await NewMemberEmailAsync(portal)}", ifMatch: etag);
            },
            Errors(
                (400, async portal => Call("PUT", $"{Authorities}/{(await NewAuthorityAsync(portal)).Id}/members/{await NewMemberEmailAsync(portal)}",
                    ifMatch: MalformedTag)),
                (412, async portal => Call("PUT", $"{Authorities}/{(await NewAuthorityAsync(portal)).Id}/members/{await NewMemberEmailAsync(portal)}",
                    ifMatch: StaleTag))),
            Shown((409, SavedMeanwhile(AuthorityMembersRace)))),
        ["RemoveAuthorityMember"] = new(async portal =>
            {
                var (id, email) = await AuthorityWithMemberAsync(portal);
                return Call("DELETE", $"{Authorities}/{id}/members/{email}", ifMatch: await ETagAsync(portal, $"{Authorities}/{id}"));
            },
            Errors(
                (400, async portal =>
                {
                    var (id, email) = await AuthorityWithMemberAsync(portal);
                    return Call("DELETE", $"{Authorities}/{id}/members/{email}", ifMatch: MalformedTag);
                }
        ),
                (412, async portal =>
                {
                    var (id, email) = await AuthorityWithMemberAsync(portal);
                    return Call("DELETE", $"{Authorities}/{id}/members/{email}", ifMatch: StaleTag);
                }
        )),
            Shown((409, SavedMeanwhile(AuthorityMembersRace)))),
        ["SignVehicleToken"] = new(async portal =>
            {
                var (id, _) = await NewAuthorityAsync(portal);
                await SetUpAsync(portal, "PUT", $"{Authorities}/{id}/vehicles/{DemoVins.First}");
                return Call("POST", $"{Authorities}/{id}/tokens", Json(new { token = new { vin = DemoVins.First, user = "contract" } }));
            },
            Errors((400, Ready("POST", Authorities + "/1/tokens", """{"token": "not an object"}""")))),
    };

    private static Task<ContractRequest> CreateAuthorityAsync(ContractPortal portal) =>
        Task.FromResult(Create(Authorities, Json(new { description = Unique("Contract authority") })));

    private static async Task<(int Id, string ETag)> NewAuthorityAsync(ContractPortal portal)
    {
        var (body, etag) = await SetUpAsync(portal, "POST", Authorities, Json(new { description = Unique("Contract authority") }));
        return (body.GetProperty("id").GetInt32(), etag!);
    }

    private static async Task<string> NewMemberEmailAsync(ContractPortal portal)
    {
        var email = $"contract-member-{Guid.NewGuid():N}@arc.test";
        await portal.Portal.CreateUserAsync(email);
        return email;
    }

    private static async Task<(int Id, string Email)> AuthorityWithMemberAsync(ContractPortal portal)
    {
        var (id, _) = await NewAuthorityAsync(portal);
        var email = await NewMemberEmailAsync(portal);
        await SetUpAsync(portal, "PUT", $"{Authorities}/{id}/members/{email}");
        return (id, email);
    }
}
