using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;
using Microsoft.AspNetCore.Routing;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// The permission matrix through the HTTP API: every <c>/api/v1</c> operation, called with a service credential of each
/// seeded group, is let through exactly when the group holds the permissions the operation needs (403 otherwise). Each
/// call's input is refused after the permission check (an unknown id, a malformed VIN, an empty name), so the matrix
/// changes nothing. A new operation without a row here fails <see cref="Every_api_operation_is_in_the_matrix"/>.
/// </summary>
[Collection(ResourceApiCollection.Name)]
public sealed class ApiPermissionMatrixTests(ResourceApiPortal api)
{
    private const string Unknown = "987654";
    private static readonly string UnknownVin = RecallTestData.NewVin();

    internal sealed record Operation(string Method, string Path, string? Body, params string[] Needs);

    /// <summary>Also the list of operations the contract tests must have a case of their own for.</summary>
    internal static readonly Dictionary<string, Operation> Operations = new()
    {
        ["RecordFirmwareRelease"] = new("POST", "api/v1/firmware/releases", "{}", Perm.FirmwareReleaseRefresh),
        ["ListVehicles"] = new("GET", "api/v1/vehicles?pageSize=1", null, Perm.VehicleRead),
        ["GetVehicle"] = new("GET", $"api/v1/vehicles/{UnknownVin}", null, Perm.VehicleRead),
        ["ProvisionVehicle"] = new("PUT", "api/v1/vehicles/bad", """{"modelReleaseId": 1}""", Perm.VehicleProvision),
        ["CollectVehicleIdentity"] = new("GET", "api/v1/vehicles/bad/identity", null, Perm.VehicleProvision),
        ["UnprovisionVehicle"] = new("DELETE", "api/v1/vehicles/bad", null, Perm.VehicleProvision),

        ["ListAuthorities"] = new("GET", "api/v1/authorities", null, Perm.AuthorityRead),
        ["GetAuthority"] = new("GET", $"api/v1/authorities/{Unknown}", null, Perm.AuthorityRead),
        ["CreateAuthority"] = new("POST", "api/v1/authorities", """{"description": ""}""", Perm.AuthorityCreate),
        ["DeleteAuthority"] = new("DELETE", "api/v1/authorities/1", null, Perm.AuthorityDelete),
        ["ListAuthorityVehicles"] = new("GET", $"api/v1/authorities/{Unknown}/vehicles", null, Perm.AuthorityRead),
        ["GrantAuthorityVehicle"] = new("PUT", $"api/v1/authorities/{Unknown}/vehicles/bad", null, Perm.AuthorityProvision),
        ["RevokeAuthorityVehicle"] = new("DELETE", "api/v1/authorities/1/vehicles/bad", null, Perm.AuthorityUnprovision),
        ["AddAuthorityMember"] = new("PUT", $"api/v1/authorities/{Unknown}/members/nobody@arc.test", null, Perm.AuthorityCreate),
        ["RemoveAuthorityMember"] = new("DELETE", $"api/v1/authorities/{Unknown}/members/nobody@arc.test", null, Perm.AuthorityCreate),
        ["SignVehicleToken"] = new("POST", $"api/v1/authorities/{Unknown}/tokens", """{"token": {}}""", Perm.AuthorityVehicleSign),

        ["GetVehicleTelemetry"] = new("GET", $"api/v1/vehicles/{UnknownVin}/telemetry", null, Perm.VehicleRead),
        ["GetTelemetrySeries"] = new("GET", $"api/v1/vehicles/{UnknownVin}/telemetry/points/speed?start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z", null,
            Perm.VehicleRead),
        ["QueryTelemetry"] = new("GET", $"api/v1/vehicles/{UnknownVin}/telemetry/query?points=speed", null, Perm.VehicleRead),

        ["ListFleets"] = new("GET", "api/v1/fleets?pageSize=1", null, Perm.FleetRead),
        ["GetFleet"] = new("GET", $"api/v1/fleets/{Unknown}", null, Perm.FleetRead),
        ["CreateFleet"] = new("POST", "api/v1/fleets", """{"name": ""}""", Perm.FleetCreate),
        ["RenameFleet"] = new("PUT", $"api/v1/fleets/{Unknown}", """{"name": "matrix"}""", Perm.FleetWrite),
        ["DeleteFleet"] = new("DELETE", "api/v1/fleets/1", null, Perm.FleetDelete),
        ["ListFleetVehicles"] = new("GET", $"api/v1/fleets/{Unknown}/vehicles", null, Perm.FleetRead),
        ["AddFleetVehicle"] = new("PUT", $"api/v1/fleets/{Unknown}/vehicles/bad", null, Perm.FleetWrite),
        ["RemoveFleetVehicle"] = new("DELETE", $"api/v1/fleets/{Unknown}/vehicles/bad", null, Perm.FleetWrite),
        ["AddFleetVehicles"] = new("POST", $"api/v1/fleets/{Unknown}/vehicles", """{"vins": []}""", Perm.FleetWrite),
        ["RemoveFleetVehicles"] = new("POST", $"api/v1/fleets/{Unknown}/vehicles/remove", """{"vins": []}""", Perm.FleetWrite),
        ["AddFleetUser"] = new("PUT", $"api/v1/fleets/{Unknown}/users/nobody", null, Perm.FleetManageUsers),
        ["GetFleetSettings"] = new("GET", $"api/v1/fleets/{Unknown}/settings", null, Perm.FleetRead),
        ["SetFleetType"] = new("PUT", $"api/v1/fleets/{Unknown}/settings/type", """{"id": null}""", Perm.FleetWrite),
        ["SetFleetLocation"] = new("PUT", $"api/v1/fleets/{Unknown}/settings/location", """{"id": null}""", Perm.FleetWrite),
        ["SetFleetDepartmentCode"] = new("PUT", $"api/v1/fleets/{Unknown}/settings/department-code", """{"id": null}""", Perm.FleetWrite),
        ["RemoveFleetUser"] = new("DELETE", $"api/v1/fleets/{Unknown}/users/nobody", null, Perm.FleetManageUsers),

        ["ListRecalls"] = new("GET", "api/v1/recalls", null, Perm.RecallRead),
        ["GetRecall"] = new("GET", $"api/v1/recalls/{Unknown}", null, Perm.RecallRead),
        ["CreateRecall"] = new("POST", "api/v1/recalls", """{"title": ""}""", Perm.RecallCreate),
        ["EditRecall"] = new("PUT", $"api/v1/recalls/{Unknown}", """{"title": ""}""", Perm.RecallEdit),
        ["DeleteRecall"] = new("DELETE", $"api/v1/recalls/{Unknown}", null, Perm.RecallDelete),
        ["GetRecallRemedy"] = new("GET", $"api/v1/recalls/{Unknown}/remedy", null, Perm.RecallRead),
        ["CreateRecallRemedy"] = new("POST", $"api/v1/recalls/{Unknown}/remedy", """{"description": "x", "type": "Both"}""", Perm.RecallCreate, Perm.RecallEdit),
        ["EditRecallRemedy"] = new("PUT", $"api/v1/recalls/{Unknown}/remedy", """{"description": "x", "type": "Both"}""", Perm.RecallEdit),
        ["DeleteRecallRemedy"] = new("DELETE", $"api/v1/recalls/{Unknown}/remedy", null, Perm.RecallEdit, Perm.RecallDelete),
        ["ListRecallVehicles"] = new("GET", $"api/v1/recalls/{Unknown}/vehicles", null, Perm.RecallVehicleRead),
        ["AddRecallVehicles"] = new("POST", $"api/v1/recalls/{Unknown}/vehicles", """{"vins": []}""", Perm.RecallVehicleAdd),
        ["ServiceRecallVehicles"] = new("POST", $"api/v1/recalls/{Unknown}/vehicles/service", """{"vins": []}""", Perm.RecallVehicleService),
        ["EditRecallVehicle"] = new("PUT", $"api/v1/recalls/{Unknown}/vehicles/bad", """{"status": "Open"}""", Perm.RecallVehicleEdit),
        ["RemoveRecallVehicle"] = new("DELETE", $"api/v1/recalls/{Unknown}/vehicles/bad", null, Perm.RecallVehicleRemove),

        ["ListUsers"] = new("GET", "api/v1/users?pageSize=1", null, Perm.UsersRead),
        ["GetUser"] = new("GET", "api/v1/users/nobody", null, Perm.UserRead),
        ["InviteUser"] = new("POST", "api/v1/users", """{"displayName": "", "email": ""}""", Perm.UserCreate),
        ["ResendUserInvitation"] = new("POST", "api/v1/users/nobody/invitation", null, Perm.UserResendInvite),
        ["DisableUser"] = new("POST", "api/v1/users/nobody/disable", null, Perm.UserDisable),
        ["EnableUser"] = new("POST", "api/v1/users/nobody/enable", null, Perm.UserEnable),
        ["AddUserToGroup"] = new("PUT", "api/v1/users/nobody/groups/9", null, Perm.UserWrite, Perm.GroupWrite),
        ["RemoveUserFromGroup"] = new("DELETE", "api/v1/users/nobody/groups/9", null, Perm.UserWrite, Perm.GroupWrite),
        ["DeleteUser"] = new("DELETE", "api/v1/users/nobody", null, Perm.UserDelete),

        ["ListGroups"] = new("GET", "api/v1/groups", null, Perm.GroupsRead),
        ["GetGroup"] = new("GET", $"api/v1/groups/{Unknown}", null, Perm.GroupRead),
        ["CreateGroup"] = new("POST", "api/v1/groups", """{"name": ""}""", Perm.GroupCreate),
        ["RenameGroup"] = new("PUT", $"api/v1/groups/{Unknown}", """{"name": "matrix"}""", Perm.GroupWrite),
        ["DeleteGroup"] = new("DELETE", "api/v1/groups/1", null, Perm.GroupDelete),
        ["GrantGroupPermission"] = new("PUT", $"api/v1/groups/{Unknown}/permissions/none", null, Perm.GroupAddPermission),
        ["RevokeGroupPermission"] = new("DELETE", $"api/v1/groups/{Unknown}/permissions/none", null, Perm.GroupRemovePermission),
    };

    [Fact]
    public void Every_api_operation_is_in_the_matrix()
    {
        var named = api.Portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? e.RoutePattern.RawText!)
            .ToHashSet();
        var missing = named.Where(n => !Operations.ContainsKey(n)).Order().ToList();
        Assert.True(missing.Count == 0, "Add these API operations to the matrix: " + string.Join(", ", missing));
        var stale = Operations.Keys.Where(n => !named.Contains(n)).ToList();
        Assert.True(stale.Count == 0, "These rows name no API operation: " + string.Join(", ", stale));
    }

    public static TheoryData<string> Groups()
    {
        var data = new TheoryData<string>();
        foreach (var group in SeedGroups.All)
            data.Add(group.MachineName);
        return data;
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public async Task A_credential_of_each_group_may_call_exactly_the_operations_its_permissions_allow(string group)
    {
        var token = await api.TokenAsync(group);
        var held = SeedGroups.ByMachineName(group).Permissions.ToHashSet();
        var failures = new List<string>();
        foreach (var (name, operation) in Operations)
        {
            using var response = await api.SendAsync(new HttpMethod(operation.Method), operation.Path, token, operation.Body);
            var status = (int)response.StatusCode;
            var allowed = operation.Needs.All(held.Contains);
            if (status >= 500 || status == 401 || (status == 403) == allowed)
                failures.Add($"{name}: {(allowed ? "allowed" : "denied")} expected, got {status} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.True(failures.Count == 0, $"{group}:\n" + string.Join("\n", failures));
    }
}
