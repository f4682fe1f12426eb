using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Api.Contract;

/// <summary>The cases of <c>/api/v1/groups</c>, each on a permission group of its own.</summary>
public static partial class ContractCases
{
    private const string Groups = "api/v1/groups";
    private const string GroupRace = "ConcurrentEditTests.A_change_to_a_groups_permissions_or_members_refuses_other_stale_pages_of_the_group";

    private static Dictionary<string, ContractCase> GroupCases() => new()
    {
        ["ListGroups"] = new(Ready("GET", Groups)),
        ["GetGroup"] = new(async portal => Call("GET", $"{Groups}/{(await NewGroupAsync(portal)).Id}"),
            Errors((400, Ready("GET", Groups + "/abc")))),
        ["CreateGroup"] = new(CreateGroupAsync,
            Errors(
                (400, Ready("POST", Groups, """{"name": 7}""")),
                (422, KeyReused(CreateGroupAsync, Json(new { name = Unique("Another group") })))),
            Shown((409, StillRunning))),
        ["RenameGroup"] = new(async portal =>
            {
                var (id, etag) = await NewGroupAsync(portal);
                return Call("PUT", $"{Groups}/{id}", Json(new { name = Unique("Renamed group") }), etag);
            },
            Errors(
                (400, async portal => Call("PUT", $"{Groups}/{(await NewGroupAsync(portal)).Id}", Json(new { name = Unique("Group") }), MalformedTag)),
                (412, async portal => Call("PUT", $"{Groups}/{(await NewGroupAsync(portal)).Id}", Json(new { name = Unique("Group") }), StaleTag))),
            Shown((409, SavedMeanwhile("ConcurrentEditTests.The_second_rename_of_a_permission_group_from_a_stale_page_is_refused")))),
        ["DeleteGroup"] = new(async portal => Call("DELETE", $"{Groups}/{(await NewGroupAsync(portal)).Id}"),
            Errors(
                (400, Ready("DELETE", Groups + "/abc")),
                (409, Ready("DELETE", $"{Groups}/{SeedGroups.ByMachineName("all").Id}")))),
        ["GrantGroupPermission"] = new(async portal =>
            {
                var (id, etag) = await NewGroupAsync(portal);
                return Call("PUT", $"{Groups}/{id}/permissions/{Perm.VehicleRead}", ifMatch: etag);
            },
            Errors(
                (400, async portal => Call("PUT", $"{Groups}/{(await NewGroupAsync(portal)).Id}/permissions/no.such.permission")),
                (404, Ready("PUT", $"{Groups}/987654321/permissions/{Perm.VehicleRead}")),
                (412, async portal => Call("PUT", $"{Groups}/{(await NewGroupAsync(portal)).Id}/permissions/{Perm.VehicleRead}", ifMatch: StaleTag))),
            Shown((409, SavedMeanwhile(GroupRace)))),
        ["RevokeGroupPermission"] = new(async portal =>
            {
                var id = await GroupWithPermissionAsync(portal);
                return Call("DELETE", $"{Groups}/{id}/permissions/{Perm.VehicleRead}", ifMatch: await ETagAsync(portal, $"{Groups}/{id}"));
            },
            Errors(
                (400, async portal => Call("DELETE", $"{Groups}/{await GroupWithPermissionAsync(portal)}/permissions/{Perm.VehicleRead}", ifMatch: MalformedTag)),
                (404, Ready("DELETE", $"{Groups}/987654321/permissions/{Perm.VehicleRead}")),
                (412, async portal => Call("DELETE", $"{Groups}/{await GroupWithPermissionAsync(portal)}/permissions/{Perm.VehicleRead}", ifMatch: StaleTag))),
            Shown((409, SavedMeanwhile(GroupRace)))),
    };

    private static Task<ContractRequest> CreateGroupAsync(ContractPortal portal) => Task.FromResult(Create(Groups, Json(new { name = Unique("Contract group") })));

    private static async Task<(int Id, string ETag)> NewGroupAsync(ContractPortal portal)
    {
        var (body, etag) = await SetUpAsync(portal, "POST", Groups, Json(new { name = Unique("Contract group") }));
        return (body.GetProperty("id").GetInt32(), etag!);
    }

    private static async Task<int> GroupWithPermissionAsync(ContractPortal portal)
    {
        var (id, _) = await NewGroupAsync(portal);
        await SetUpAsync(portal, "PUT", $"{Groups}/{id}/permissions/{Perm.VehicleRead}");
        return id;
    }
}
