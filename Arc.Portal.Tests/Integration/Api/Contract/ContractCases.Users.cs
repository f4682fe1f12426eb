using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Api.Contract;

/// <summary>The cases of <c>/api/v1/users</c>, each on an account of its own.</summary>
public static partial class ContractCases
{
    private const string Users = "api/v1/users";
    private const string UserRace = "ConcurrentEditTests.The_second_edit_of_a_users_profile_groups_or_state_from_a_stale_page_is_refused";

    private static Dictionary<string, ContractCase> UserCases() => new()
    {
        ["ListUsers"] = new(Ready("GET", Users + "?pageSize=5&search=contract"),
            Errors((400, Ready("GET", Users + "?pageSize=x")))),
        ["GetUser"] = new(async portal => Call("GET", $"{Users}/{await NewUserAsync(portal)}")),
        ["InviteUser"] = new(InviteUserAsync,
            Errors(
                (400, Ready("POST", Users, """{"displayName": "A", "email": "a@arc.test", "mfa": "sometimes"}""")),
                (422, async portal => await KeyReused(InviteUserAsync, Json(new { displayName = "Another Person", email = NewEmail() }))(portal))),
            Shown((409, StillRunning))),
        ["ResendUserInvitation"] = new(async portal =>
            {
                var (invited, _) = await SetUpAsync(portal, "POST", Users, Json(new { displayName = "Contract Person", email = NewEmail() }));
                return Call("POST", $"{Users}/{invited.GetProperty("username").GetString()}/invitation");
            },
            Errors((409, async portal => Call("POST", $"{Users}/{await NewUserAsync(portal)}/invitation")))),
        ["DisableUser"] = new(async portal => await WithUserTagAsync(portal, "POST", "disable"),
            Errors(
                (400, async portal => Call("POST", $"{Users}/{await NewUserAsync(portal)}/disable", ifMatch: MalformedTag)),
                (412, async portal => Call("POST", $"{Users}/{await NewUserAsync(portal)}/disable", ifMatch: StaleTag))),
            Shown((409, SavedMeanwhile(UserRace)))),
        ["EnableUser"] = new(async portal => await WithUserTagAsync(portal, "POST", "enable"),
            Errors(
                (400, async portal => Call("POST", $"{Users}/{await NewUserAsync(portal)}/enable", ifMatch: MalformedTag)),
                (412, async portal => Call("POST", $"{Users}/{await NewUserAsync(portal)}/enable", ifMatch: StaleTag))),
            Shown((409, SavedMeanwhile(UserRace)))),
        ["AddUserToGroup"] = new(async portal => await WithUserTagAsync(portal, "PUT", $"groups/{SupportGroup}"),
            Errors(
                (400, async portal => Call("PUT", $"{Users}/{await NewUserAsync(portal)}/groups/abc")),
                (412, async portal => Call("PUT", $"{Users}/{await NewUserAsync(portal)}/groups/{SupportGroup}", ifMatch: StaleTag))),
            Shown((409, SavedMeanwhile(UserRace)))),
        ["RemoveUserFromGroup"] = new(async portal => await WithUserTagAsync(portal, "DELETE", $"groups/{SupportGroup}", "support"),
            Errors(
                (400, async portal => Call("DELETE", $"{Users}/{await NewUserAsync(portal, "support")}/groups/abc")),
                (412, async portal => Call("DELETE", $"{Users}/{await NewUserAsync(portal, "support")}/groups/{SupportGroup}", ifMatch: StaleTag))),
            Shown((409, SavedMeanwhile(UserRace)))),
        ["DeleteUser"] = new(async portal => Call("DELETE", $"{Users}/{await NewUserAsync(portal)}"),
            Errors((409, async portal => new ContractRequest(HttpMethod.Delete, $"{Users}/{await portal.Portal.AdminUsernameAsync()}", Caller.Staff)))),
    };

    private static int SupportGroup => SeedGroups.ByMachineName("support").Id;

    private static string NewEmail() => $"contract-{Guid.NewGuid():N}@arc.test";

    private static Task<ContractRequest> InviteUserAsync(ContractPortal portal) =>
        Task.FromResult(Create(Users, Json(new { displayName = "Contract Person", email = NewEmail(), groupIds = new[] { SupportGroup } })));

    private static async Task<string> NewUserAsync(ContractPortal portal, params string[] groups) => await portal.Portal.CreateUserAsync(NewEmail(), groups);

    /// <summary>A change of a new account, sent with the account's current ETag.</summary>
    private static async Task<ContractRequest> WithUserTagAsync(ContractPortal portal, string method, string what, params string[] groups)
    {
        var username = await NewUserAsync(portal, groups);
        return Call(method, $"{Users}/{username}/{what}", ifMatch: await ETagAsync(portal, $"{Users}/{username}"));
    }
}
