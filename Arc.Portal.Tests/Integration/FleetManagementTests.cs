using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Notes;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Fleets created, renamed and deleted, and vehicles put in and taken out one at a time, on the real database.</summary>
public sealed class FleetManagementTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    private Task AsAdminAsync(Func<IServiceProvider, Task> action) => AsAdminAsync(async sp => { await action(sp); return 0; });

    private Task<int> CreateAsync(string name) => AsAdminAsync(sp => sp.GetRequiredService<CreateFleet>().HandleAsync(name));

    [Fact]
    public async Task A_fleet_is_created_renamed_given_members_and_deleted_with_its_memberships_and_audit_events()
    {
        var name = FleetTestData.NewFleetName("Harbour");
        var id = await CreateAsync("  " + name + "  ");
        var vins = await FleetTestData.AddVehiclesAsync(portal, 1);
        var member = await portal.CreateUserAsync($"harbour-{Guid.NewGuid():N}@arc.test");

        await AsAdminAsync(sp => sp.GetRequiredService<RenameFleet>().HandleAsync(id, name + " B"));
        await AsAdminAsync(sp => sp.GetRequiredService<AddVehicleToFleet>().HandleAsync(id, vins[0].ToLowerInvariant()));
        await AsAdminAsync(sp => sp.GetRequiredService<AddUserToFleet>().HandleAsync(id, member));
        var detail = await AsAdminAsync(sp => sp.GetRequiredService<GetFleet>().HandleAsync(id));
        Assert.Equal((name + " B", 1), (detail.Name, detail.VehicleCount));
        Assert.Equal(member, Assert.Single(detail.Users).Username);
        var row = Assert.Single((await AsAdminAsync(sp => sp.GetRequiredService<ListFleets>().HandleAsync(new FleetQuery(name + " b")))).Items);
        Assert.Equal((id, 1, 1), (row.Id, row.VehicleCount, row.UserCount));

        await AsAdminAsync(sp => sp.GetRequiredService<DeleteFleet>().HandleAsync(id));
        await using var db = portal.CreateDb();
        Assert.False(await db.FleetSet.AnyAsync(f => f.Id == id));
        Assert.False(await db.FleetVehicleSet.AnyAsync(v => v.FleetId == id));
        Assert.False(await db.FleetUserSet.AnyAsync(u => u.FleetId == id));
        Assert.True(await db.FleetVehicleSet.AnyAsync(v => v.FleetId == Fleet.MakerFleetId && v.Vin == vins[0]));
        var actions = await db.AuditSet.Where(a => a.EntityType == FleetAuditActions.EntityType && a.EntityId == id.ToString())
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal([FleetAuditActions.Created, FleetAuditActions.Renamed, FleetAuditActions.VehicleAdded, FleetAuditActions.UserAdded, FleetAuditActions.Deleted],
            actions);
    }

    [Theory]
    [InlineData("", "needs a name")]
    [InlineData("   ", "needs a name")]
    [InlineData("bad\u202ename", "invisible formatting")]
    public async Task Bad_names_are_refused_and_nothing_is_created(string name, string message)
    {
        await using var db = portal.CreateDb();
        var before = await db.FleetSet.CountAsync();
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(name));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await db.FleetSet.CountAsync());
    }

    [Fact]
    public async Task A_name_over_64_characters_or_one_another_fleet_has_in_any_case_is_refused()
    {
        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(new string('x', 65)));
        Assert.Contains("at most 64 characters; this one has 65", tooLong.Message, StringComparison.Ordinal);

        var name = FleetTestData.NewFleetName("Depot");
        var first = await CreateAsync(name);
        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(name.ToUpperInvariant()));
        Assert.Equal($"Fleet {first} is already named \"{name}\"; choose another name.", duplicate.Message);
        var second = await CreateAsync(FleetTestData.NewFleetName("Depot"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<RenameFleet>().HandleAsync(second, " " + name.ToLowerInvariant())));
        await using var db = portal.CreateDb();
        Assert.Equal(1, await db.FleetSet.CountAsync(f => f.Name.ToLower() == name.ToLower()));
    }

    [Fact]
    public async Task The_makers_fleet_cannot_be_deleted_nor_lose_a_vehicle_by_hand()
    {
        var vins = await FleetTestData.AddVehiclesAsync(portal, 1);
        var delete = await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(sp => sp.GetRequiredService<DeleteFleet>().HandleAsync(Fleet.MakerFleetId)));
        Assert.Contains("cannot be deleted", delete.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(sp => sp.GetRequiredService<RemoveVehicleFromFleet>().HandleAsync(Fleet.MakerFleetId, vins[0])));
        await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(sp => sp.GetRequiredService<RemoveVehiclesFromFleet>().HandleAsync(Fleet.MakerFleetId, vins[0])));
        await using var db = portal.CreateDb();
        Assert.True(await db.FleetSet.AnyAsync(f => f.Id == Fleet.MakerFleetId));
        Assert.True(await db.FleetVehicleSet.AnyAsync(v => v.FleetId == Fleet.MakerFleetId && v.Vin == vins[0]));
    }

    [Fact]
    public async Task Adding_and_removing_a_vehicle_writes_the_old_systems_notes_on_it()
    {
        var id = await CreateAsync(FleetTestData.NewFleetName("Notes"));
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        await AsAdminAsync(sp => sp.GetRequiredService<AddVehicleToFleet>().HandleAsync(id, vin));
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<AddVehicleToFleet>().HandleAsync(id, vin)));
        Assert.Contains("already in fleet", again.Message, StringComparison.Ordinal);
        await AsAdminAsync(sp => sp.GetRequiredService<RemoveVehicleFromFleet>().HandleAsync(id, vin));
        var gone = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<RemoveVehicleFromFleet>().HandleAsync(id, vin)));
        Assert.Contains("is not in fleet", gone.Message, StringComparison.Ordinal);

        await using var db = portal.CreateDb();
        var notes = await db.NoteSet.Include(n => n.Tags).Where(n => n.ObjectType == NoteObjectTypes.Vehicle && n.ObjectId == vin).OrderBy(n => n.NoteId).ToListAsync();
        Assert.Equal([$"Vehicle added to fleet id {id}", $"Vehicle removed from fleet id {id}"], notes.Select(n => n.Content));
        Assert.All(notes, n => Assert.Equal(FleetRules.NoteTag, Assert.Single(n.Tags).TagName));
        Assert.False(await db.FleetVehicleSet.AnyAsync(v => v.FleetId == id));
    }

    [Fact]
    public async Task An_unknown_or_malformed_vin_is_refused_with_a_message()
    {
        var id = await CreateAsync(FleetTestData.NewFleetName("Unknown"));
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<AddVehicleToFleet>().HandleAsync(id, FleetTestData.NewVin())));
        Assert.Contains("is provisioned", unknown.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<AddVehicleToFleet>().HandleAsync(id, "not-a-vin")));
        await Assert.ThrowsAsync<NotFoundException>(() => AsAdminAsync(sp => sp.GetRequiredService<ListFleetVehicles>().HandleAsync(987_654_321, null, 0, 10)));
        await using var db = portal.CreateDb();
        Assert.False(await db.FleetVehicleSet.AnyAsync(v => v.FleetId == id));
    }

    [Fact]
    public async Task The_list_sorts_by_vehicle_count_and_pages()
    {
        var prefix = FleetTestData.NewFleetName("Sorted");
        var small = await CreateAsync(prefix + " a");
        var large = await CreateAsync(prefix + " b");
        var vins = await FleetTestData.AddVehiclesAsync(portal, 2);
        await AsAdminAsync(sp => sp.GetRequiredService<AddVehiclesToFleet>().HandleAsync(large, string.Join("\n", vins)));
        var page = await AsAdminAsync(sp => sp.GetRequiredService<ListFleets>().HandleAsync(new FleetQuery(prefix, FleetSort.Vehicles, Descending: true, PageSize: 1)));
        Assert.Equal(2, page.TotalCount);
        Assert.Equal((large, 2), (page.Items[0].Id, page.Items[0].VehicleCount));
        var next = await AsAdminAsync(sp => sp.GetRequiredService<ListFleets>().HandleAsync(new FleetQuery(prefix, FleetSort.Vehicles, Descending: true, PageIndex: 1, PageSize: 1)));
        Assert.Equal(small, Assert.Single(next.Items).Id);
    }
}
