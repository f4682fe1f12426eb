using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Vehicles in bulk from a checked VIN list, and users in and out of fleets, on the real database.</summary>
public sealed class FleetMembershipTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    private Task AsAdminAsync(Func<IServiceProvider, Task> action) => AsAdminAsync(async sp => { await action(sp); return 0; });

    private Task<int> CreateAsync(string what) => AsAdminAsync(sp => sp.GetRequiredService<CreateFleet>().HandleAsync(FleetTestData.NewFleetName(what)));

    private Task<FleetVinPlan> PreviewAsync(int fleet, string text, FleetVinChange change = FleetVinChange.Add) =>
        AsAdminAsync(sp => sp.GetRequiredService<PreviewFleetVehicleChange>().HandleAsync(fleet, text, change));

    [Fact]
    public async Task A_list_with_problems_is_refused_whole_with_every_problem_listed_and_changes_nothing()
    {
        var id = await CreateAsync("Bulk");
        var vins = await FleetTestData.AddVehiclesAsync(portal, 2);
        var unknown = FleetTestData.NewVin();
        var text = $"{vins[0]}\n{vins[1]}, {unknown}\nNOTAVIN\n=HYPERLINK(\"x\")\n{vins[0].ToLowerInvariant()}";

        var plan = await PreviewAsync(id, text);
        Assert.False(plan.CanApply);
        Assert.Equal(4, plan.Problems.Count);
        Assert.Contains(plan.Problems, p => p.Contains($"no vehicle {unknown} is provisioned", StringComparison.Ordinal));
        Assert.Contains(plan.Problems, p => p.StartsWith("Line 3: 'NOTAVIN'", StringComparison.Ordinal));
        Assert.Contains(plan.Problems, p => p.StartsWith("Line 4:", StringComparison.Ordinal) && p.Contains("spreadsheet formula", StringComparison.Ordinal));
        Assert.Contains(plan.Problems, p => p == $"{vins[0]} is listed 2 times (lines 1 and 5); list it once.");

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<AddVehiclesToFleet>().HandleAsync(id, text)));
        Assert.Equal("The list has 4 problems; nothing was changed.", refused.Message);
        Assert.Equal(plan.Problems, refused.Errors["vins"]);
        await using var db = portal.CreateDb();
        Assert.False(await db.FleetVehicleSet.AnyAsync(v => v.FleetId == id));
        Assert.False(await db.NoteSet.AnyAsync(n => n.ObjectId == vins[1]));
    }

    [Fact]
    public async Task A_clean_list_adds_its_vehicles_skips_those_already_in_and_notes_each_one()
    {
        var id = await CreateAsync("Bulk add");
        var vins = await FleetTestData.AddVehiclesAsync(portal, 3);
        await AsAdminAsync(sp => sp.GetRequiredService<AddVehicleToFleet>().HandleAsync(id, vins[2]));
        var text = string.Join(" ", vins);

        var plan = await PreviewAsync(id, text);
        Assert.True(plan.CanApply);
        Assert.Equal(vins[..2], plan.Vins);
        Assert.Equal([vins[2]], plan.Unchanged);
        await using (var before = portal.CreateDb())
            Assert.Equal(1, await before.FleetVehicleSet.CountAsync(v => v.FleetId == id));

        Assert.Equal(2, await AsAdminAsync(sp => sp.GetRequiredService<AddVehiclesToFleet>().HandleAsync(id, text)));
        await using var db = portal.CreateDb();
        Assert.Equal(vins.Order().ToList(), await db.FleetVehicleSet.Where(v => v.FleetId == id).Select(v => v.Vin).OrderBy(v => v).ToListAsync());
        Assert.Equal(1, await db.NoteSet.CountAsync(n => n.ObjectId == vins[0] && n.Content == $"Vehicle added to fleet id {id}"));
        var audit = await db.AuditSet.Where(a => a.EntityId == id.ToString() && a.Action == FleetAuditActions.VehiclesAdded).SingleAsync();
        Assert.Contains(vins[0], audit.Summary, StringComparison.Ordinal);

        var nothing = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<AddVehiclesToFleet>().HandleAsync(id, text)));
        Assert.Contains("already in fleet", nothing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_file_names_its_vin_column_and_a_formula_in_any_cell_is_refused()
    {
        var id = await CreateAsync("Csv");
        var vins = await FleetTestData.AddVehiclesAsync(portal, 2);
        var csv = $"\uFEFFnote,VIN\r\nfirst,{vins[0]}\r\n\"second, with comma\",\"{vins[1]}\"\r\n";
        var plan = await PreviewAsync(id, csv);
        Assert.Equal(vins, plan.Vins);
        Assert.Empty(plan.Problems);

        var hostile = await PreviewAsync(id, $"note,vin\r\n@SUM(A1),{vins[0]}\r\n");
        Assert.StartsWith("Line 2:", Assert.Single(hostile.Problems), StringComparison.Ordinal);
        Assert.Equal(2, await AsAdminAsync(sp => sp.GetRequiredService<AddVehiclesToFleet>().HandleAsync(id, csv)));
    }

    [Fact]
    public async Task Bulk_removal_takes_out_the_listed_vehicles_only()
    {
        var id = await CreateAsync("Bulk remove");
        var vins = await FleetTestData.AddVehiclesAsync(portal, 3);
        await AsAdminAsync(sp => sp.GetRequiredService<AddVehiclesToFleet>().HandleAsync(id, string.Join("\n", vins)));
        var plan = await PreviewAsync(id, $"{vins[0]};{vins[1]}", FleetVinChange.Remove);
        Assert.Equal(vins[..2], plan.Vins);
        Assert.Equal(2, await AsAdminAsync(sp => sp.GetRequiredService<RemoveVehiclesFromFleet>().HandleAsync(id, $"{vins[0]};{vins[1]}")));
        await using var db = portal.CreateDb();
        Assert.Equal([vins[2]], await db.FleetVehicleSet.Where(v => v.FleetId == id).Select(v => v.Vin).ToListAsync());
        Assert.Equal(1, await db.NoteSet.CountAsync(n => n.ObjectId == vins[1] && n.Content == $"Vehicle removed from fleet id {id}"));
    }

    [Fact]
    public async Task A_user_is_added_by_email_listed_with_their_fleets_and_removed_with_notes_on_their_account()
    {
        var id = await CreateAsync("People");
        var email = $"Driver-{Guid.NewGuid():N}@arc.test";
        var member = await portal.CreateUserAsync(email);
        var added = await AsAdminAsync(sp => sp.GetRequiredService<AddUserToFleet>().HandleAsync(id, " " + email.ToUpperInvariant() + " "));
        Assert.Equal(member, added.Username);
        var twice = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<AddUserToFleet>().HandleAsync(id, member)));
        Assert.Contains("already in fleet", twice.Message, StringComparison.Ordinal);
        await using (var self = await portal.AsUserAsync(member))
            Assert.Equal(id, Assert.Single(await self.ServiceProvider.GetRequiredService<ListUserFleets>().HandleAsync(member)).Id);

        await AsAdminAsync(sp => sp.GetRequiredService<RemoveUserFromFleet>().HandleAsync(id, member));
        Assert.Empty(await AsAdminAsync(sp => sp.GetRequiredService<ListUserFleets>().HandleAsync(member)));
        await using var db = portal.CreateDb();
        Assert.Equal([$"User added to fleet id {id}", $"User removed from fleet id {id}"],
            await db.NoteSet.Where(n => n.ObjectType == NoteObjectTypes.User && n.ObjectId == member).OrderBy(n => n.NoteId).Select(n => n.Content).ToListAsync());
    }

    [Fact]
    public async Task Nobody_adds_themselves_to_a_fleet_and_an_unknown_user_gets_a_message()
    {
        var id = await CreateAsync("Self");
        var manager = await portal.CreateUserAsync($"manager-{Guid.NewGuid():N}@arc.test");
        await portal.AddToGroupAsync(manager, await portal.CreateGroupAsync($"fleet-users-{Guid.NewGuid():N}", Perm.FleetManageUsers));
        await using var scope = await portal.AsUserAsync(manager);
        var add = scope.ServiceProvider.GetRequiredService<AddUserToFleet>();
        var self = await Assert.ThrowsAsync<PermissionDeniedException>(() => add.HandleAsync(id, manager));
        Assert.Contains("cannot add yourself", self.Message, StringComparison.Ordinal);
        var nobody = await Assert.ThrowsAsync<ValidationFailedException>(() => add.HandleAsync(id, "nobody-at-all@arc.test"));
        Assert.Contains("No user has the email address or username", nobody.Message, StringComparison.Ordinal);
        await using var db = portal.CreateDb();
        Assert.False(await db.FleetUserSet.AnyAsync(u => u.FleetId == id));
    }

    [Fact]
    public async Task Someone_elses_fleets_need_the_fleet_read_permission()
    {
        var other = await portal.CreateUserAsync($"other-{Guid.NewGuid():N}@arc.test");
        var caller = await portal.CreateUserAsync($"caller-{Guid.NewGuid():N}@arc.test");
        await using var scope = await portal.AsUserAsync(caller);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<ListUserFleets>().HandleAsync(other));
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<ListUserFleets>().HandleAsync(caller));
    }
}
