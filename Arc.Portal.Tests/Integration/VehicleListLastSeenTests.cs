using Arc.Domain.Fleets;
using Arc.Domain.Intake;
using Arc.Domain.Vehicles;
using Arc.Portal.Tests.Integration.Intake;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

/// <summary>The vehicle list reads "last seen" from the intake's read model, and sorts by it to find silent vehicles.</summary>
public sealed class VehicleListLastSeenTests(PortalServer portal) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task Each_row_carries_its_last_seen_and_sorting_by_it_puts_never_seen_vehicles_first_or_last()
    {
        var (silent, recent, old) = (await IntakeTestData.NewVehicleAsync(portal), await IntakeTestData.NewVehicleAsync(portal), await IntakeTestData.NewVehicleAsync(portal));
        var now = DateTimeOffset.UtcNow;
        int fleetId;
        await using (var db = portal.CreateDb())
        {
            var fleet = new Fleet { Name = "Last seen " + Guid.NewGuid().ToString("N")[..6] };
            db.FleetSet.Add(fleet);
            await db.SaveChangesAsync();
            fleetId = fleet.Id;
            db.FleetVehicleSet.AddRange(new[] { silent, recent, old }.Select(v => new FleetVehicle { FleetId = fleet.Id, Vin = v }));
            db.Add(new IntakeVehicleStats { Vin = recent, Received = 1, Written = 1, LastSeen = now.AddMinutes(-1) });
            db.Add(new IntakeVehicleStats { Vin = old, Received = 1, Written = 1, LastSeen = now.AddDays(-3) });
            await db.SaveChangesAsync();
        }
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var list = scope.ServiceProvider.GetRequiredService<ListVehicles>();

        var oldestFirst = await list.HandleAsync(new ListVehiclesQuery(FleetId: fleetId, SortBy: VehicleSort.LastSeen));
        var newestFirst = await list.HandleAsync(new ListVehiclesQuery(FleetId: fleetId, SortBy: VehicleSort.LastSeen, Descending: true));

        Assert.Equal([silent, old, recent], oldestFirst.Items.Select(v => v.Vin));
        Assert.Equal([recent, old, silent], newestFirst.Items.Select(v => v.Vin));
        Assert.Null(oldestFirst.Items[0].LastSeen);
        // PostgreSQL keeps microseconds.
        Assert.Equal(now.AddDays(-3), oldestFirst.Items[1].LastSeen!.Value, TimeSpan.FromMilliseconds(1));
    }
}
