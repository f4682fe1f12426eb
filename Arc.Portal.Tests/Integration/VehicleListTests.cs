using Arc.Domain.Common;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

public sealed class VehicleListTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<Page<VehicleRow>> ListAsync(ListVehiclesQuery query)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await scope.ServiceProvider.GetRequiredService<ListVehicles>().HandleAsync(query);
    }

    [Fact]
    public async Task The_first_page_is_sorted_by_vin_and_counts_every_vehicle()
    {
        var page = await ListAsync(new ListVehiclesQuery(PageSize: 10));
        Assert.Equal(DemoData.VehicleCount, page.TotalCount);
        Assert.Equal(10, page.Items.Count);
        Assert.Equal(page.Items.Select(v => v.Vin).Order(StringComparer.Ordinal), page.Items.Select(v => v.Vin));
        var last = await ListAsync(new ListVehiclesQuery(PageIndex: 2, PageSize: 10));
        Assert.Equal(4, last.Items.Count);
    }

    [Fact]
    public async Task A_vin_substring_matches_case_insensitively()
    {
        var page = await ListAsync(new ListVehiclesQuery(VinContains: "r00019"));
        var row = Assert.Single(page.Items);
        Assert.Equal("DEV-" + DemoData.MakeVin('T', 'L', 19), row.Vin);
        Assert.Equal("FUV", row.ModelName);
    }

    [Fact]
    public async Task Model_release_and_fleet_filters_combine()
    {
        var deliverators = await ListAsync(new ListVehiclesQuery(ModelId: 3));
        Assert.Equal(4, deliverators.TotalCount);
        Assert.All(deliverators.Items, v => Assert.Equal("Deliverator", v.ModelName));

        var release = await ListAsync(new ListVehiclesQuery(ModelReleaseId: 9));
        Assert.All(release.Items, v => Assert.Equal("Deliverator: KERS Sensor", v.ReleaseDescription));
        Assert.Equal(3, release.TotalCount);

        await using var db = portal.CreateDb();
        var fleet = await db.FleetSet.SingleAsync(f => f.Name == DemoData.FleetNames[0]);
        var inFleet = await ListAsync(new ListVehiclesQuery(FleetId: fleet.Id));
        Assert.Equal(DemoData.VehicleCount / DemoData.FleetNames.Length, inFleet.TotalCount);
        var both = await ListAsync(new ListVehiclesQuery(ModelId: 1, FleetId: fleet.Id));
        Assert.True(both.TotalCount < inFleet.TotalCount);
        Assert.All(both.Items, v => Assert.Equal("FUV", v.ModelName));
    }

    [Fact]
    public async Task Sorting_by_provisioning_time_descending_puts_the_newest_first()
    {
        var page = await ListAsync(new ListVehiclesQuery(SortBy: VehicleSort.Created, Descending: true, PageSize: 50));
        Assert.Equal(page.Items.OrderByDescending(v => v.Created).Select(v => v.Vin), page.Items.Select(v => v.Vin));
    }

    [Theory]
    [InlineData("' OR 1=1 --")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("<script>")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Hostile_or_oversized_vin_searches_are_refused(string text)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => ListAsync(new ListVehiclesQuery(VinContains: text)));
        Assert.True(error.Errors.ContainsKey("vin"));
    }

    [Theory]
    [InlineData(-1, 20)]
    [InlineData(0, 0)]
    [InlineData(0, 201)]
    public async Task Pages_out_of_range_are_refused(int pageIndex, int pageSize)
    {
        await Assert.ThrowsAsync<ValidationFailedException>(() => ListAsync(new ListVehiclesQuery(PageIndex: pageIndex, PageSize: pageSize)));
    }

    [Fact]
    public async Task A_fleet_member_without_the_permission_may_open_only_the_fleets_vehicles()
    {
        var username = await portal.CreateUserAsync("fleet-member@arc.test");
        await using var db = portal.CreateDb();
        var fleet = await db.FleetSet.SingleAsync(f => f.Name == DemoData.FleetNames[1]);
        db.FleetUserSet.Add(new Arc.Domain.Fleets.FleetUser { Username = username, FleetId = fleet.Id });
        await db.SaveChangesAsync();
        var own = await db.FleetVehicleSet.Where(f => f.FleetId == fleet.Id).Select(f => f.Vin).FirstAsync();
        var other = await db.FleetVehicleSet.Where(f => f.FleetId != fleet.Id && f.FleetId != 1).Select(f => f.Vin).FirstAsync();

        await using var scope = await portal.AsUserAsync(username);
        var get = scope.ServiceProvider.GetRequiredService<GetVehicle>();
        Assert.Equal(own, (await get.HandleAsync(own)).Vin);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => get.HandleAsync(other));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<ListVehicles>().HandleAsync(new ListVehiclesQuery()));
    }
}
