using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;
using static Arc.Portal.Tests.Support.DashboardTestData;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>
/// GetFleetDashboard's row of the authorization matrix: without membership, the vehicle read permission (a fleet that
/// does not exist is refused after the check for staff). The fleet rule, member of this fleet against member of another,
/// is in <see cref="GetFleetDashboardFleetRuleTests"/> below.
/// </summary>
public sealed class GetFleetDashboardEntry : MatrixEntry<GetFleetDashboard>
{
    public override string Requirement => Perm.VehicleRead;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetFleetDashboard>().HandleAsync(987_654_321);
}

/// <summary>ListMyFleets's row: anyone signed in reads their own fleets.</summary>
public sealed class ListMyFleetsEntry : MatrixEntry<ListMyFleets>
{
    public override string Requirement => SignedIn;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListMyFleets>().HandleAsync();
}

/// <summary>The resource rule of the dashboard, for callers with no permission at all: members of the fleet in, members of another fleet out.</summary>
public sealed class GetFleetDashboardFleetRuleTests(PortalServer portal) : IClassFixture<PortalServer>
{
    [Theory]
    [InlineData("member of this fleet", true)]
    [InlineData("member of another fleet", false)]
    [InlineData("member of both", true)]
    [InlineData("member of no fleet", false)]
    public async Task Without_a_permission_only_members_of_the_fleet_open_its_dashboard(string caller, bool allowed)
    {
        var fleet = await FleetAsync(portal, 1, what: "Matrix");
        var other = await FleetAsync(portal, 1, what: "Matrix other");
        int[] fleets = caller switch
        {
            "member of this fleet" => [fleet.Id],
            "member of another fleet" => [other.Id],
            "member of both" => [fleet.Id, other.Id],
            _ => [],
        };
        var username = await MemberAsync(portal, fleets);
        await using var scope = await portal.AsUserAsync(username);
        var dashboard = scope.ServiceProvider.GetRequiredService<GetFleetDashboard>();

        if (allowed)
            Assert.Equal(fleet.Vins, (await dashboard.HandleAsync(fleet.Id)).Vehicles.Select(v => v.Vin));
        else
            await Assert.ThrowsAsync<PermissionDeniedException>(() => dashboard.HandleAsync(fleet.Id));
    }
}
