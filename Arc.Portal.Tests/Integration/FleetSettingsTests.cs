using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Locations;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>A fleet's type, location and department code, and the department codes, on the real database.</summary>
public sealed class FleetSettingsTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    private async Task<AsyncServiceScope> AsAsync(params string[] permissions)
    {
        var username = await portal.CreateUserAsync($"fleets-{Guid.NewGuid():N}@arc.test");
        await portal.AddToGroupAsync(username, await portal.CreateGroupAsync(Unique("fleet settings"), permissions));
        return await portal.AsUserAsync(username);
    }

    private async Task<int> FleetAsync()
    {
        await using var db = portal.CreateDb();
        var fleet = new Fleet { Name = Unique("Settings") };
        db.FleetSet.Add(fleet);
        await db.SaveChangesAsync();
        return fleet.Id;
    }

    [Fact]
    public async Task A_fleet_gets_a_type_a_location_and_a_department_code_each_audited_and_null_takes_them_away()
    {
        await using var scope = await AsAsync(Perm.FleetRead, Perm.FleetWrite, Perm.LocationUpdate);
        var sp = scope.ServiceProvider;
        var fleetId = await FleetAsync();
        var locationName = Unique("Rental lot");
        var locationId = await sp.GetRequiredService<CreateLocation>().HandleAsync(new LocationDraft(locationName));
        var rental = (await sp.GetRequiredService<ListFleetTypes>().HandleAsync()).Single(t => t.Name == "rental");
        var rentalOps = (await sp.GetRequiredService<ListDepartmentCodes>().HandleAsync()).Single(c => c.Code == "670");

        await sp.GetRequiredService<SetFleetType>().HandleAsync(fleetId, rental.Id);
        await sp.GetRequiredService<SetFleetLocation>().HandleAsync(fleetId, locationId);
        await sp.GetRequiredService<SetFleetDepartmentCode>().HandleAsync(fleetId, rentalOps.Id);

        var set = await sp.GetRequiredService<GetFleetSettings>().HandleAsync(fleetId);
        Assert.Equal(("rental", locationName, "670", "Rental Operations"), (set.Type, set.Location, set.DepartmentCode, set.DepartmentDescription));

        await sp.GetRequiredService<SetFleetType>().HandleAsync(fleetId, null);
        await sp.GetRequiredService<SetFleetLocation>().HandleAsync(fleetId, null);
        await sp.GetRequiredService<SetFleetDepartmentCode>().HandleAsync(fleetId, null);
        var cleared = await sp.GetRequiredService<GetFleetSettings>().HandleAsync(fleetId);
        Assert.Equal((null, null, null), (cleared.TypeId, cleared.LocationId, cleared.DepartmentCodeId));

        await using var db = portal.CreateDb();
        var actions = await db.AuditSet.Where(e => e.EntityType == FleetSettingsAuditActions.FleetEntity && e.EntityId == fleetId.ToString())
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal([FleetSettingsAuditActions.TypeSet, FleetSettingsAuditActions.LocationSet, FleetSettingsAuditActions.DepartmentCodeSet,
            FleetSettingsAuditActions.TypeSet, FleetSettingsAuditActions.LocationSet, FleetSettingsAuditActions.DepartmentCodeSet], actions);
    }

    [Fact]
    public async Task Settings_that_do_not_exist_are_refused_and_the_fleet_keeps_what_it_had()
    {
        await using var scope = await AsAsync(Perm.FleetRead, Perm.FleetWrite);
        var sp = scope.ServiceProvider;
        var fleetId = await FleetAsync();
        await sp.GetRequiredService<SetFleetType>().HandleAsync(fleetId, 2);

        var type = await Assert.ThrowsAsync<ValidationFailedException>(() => sp.GetRequiredService<SetFleetType>().HandleAsync(fleetId, 99));
        Assert.Equal("type", Assert.Single(type.Errors).Key);
        await Assert.ThrowsAsync<ValidationFailedException>(() => sp.GetRequiredService<SetFleetLocation>().HandleAsync(fleetId, 999_999));
        await Assert.ThrowsAsync<ValidationFailedException>(() => sp.GetRequiredService<SetFleetDepartmentCode>().HandleAsync(fleetId, 999_999));
        await Assert.ThrowsAsync<NotFoundException>(() => sp.GetRequiredService<SetFleetType>().HandleAsync(999_999, 1));

        Assert.Equal("pilot", (await sp.GetRequiredService<GetFleetSettings>().HandleAsync(fleetId)).Type);
    }

    [Fact]
    public async Task Department_codes_have_at_most_eight_characters_are_unique_and_deleting_one_unbooks_its_fleets()
    {
        await using var scope = await AsAsync(Perm.FleetRead, Perm.FleetWrite, Perm.FleetDepartmentCodeCreate, Perm.FleetDepartmentCodeDelete);
        var sp = scope.ServiceProvider;
        var create = sp.GetRequiredService<CreateDepartmentCode>();
        var code = "D" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();
        int Count() => portal.CreateDb().Set<DepartmentCode>().Count();
        var before = Count();

        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() => create.HandleAsync(code + "9", "Ten is what the old system let through"));
        Assert.Equal("A department code has at most 8 characters; '" + code + "9' has 9.", tooLong.Message);
        var description = await Assert.ThrowsAsync<ValidationFailedException>(() => create.HandleAsync(code, new string('d', 65)));
        Assert.Equal("description", Assert.Single(description.Errors).Key);
        Assert.Equal(before, Count());

        var id = await create.HandleAsync(code, " Night shift ");
        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() => create.HandleAsync(code.ToLowerInvariant(), null));
        Assert.Contains("exists already", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains(await sp.GetRequiredService<ListDepartmentCodes>().HandleAsync(), c => c.Id == id && c.Description == "Night shift");

        var fleetId = await FleetAsync();
        await sp.GetRequiredService<SetFleetDepartmentCode>().HandleAsync(fleetId, id);
        await sp.GetRequiredService<DeleteDepartmentCode>().HandleAsync(id);
        Assert.Null((await sp.GetRequiredService<GetFleetSettings>().HandleAsync(fleetId)).DepartmentCodeId);
        Assert.DoesNotContain(await sp.GetRequiredService<ListDepartmentCodes>().HandleAsync(), c => c.Id == id);
    }

    [Fact]
    public async Task The_database_refuses_two_fleets_whose_names_differ_only_in_case()
    {
        var name = Unique("Twins");
        await using var db = portal.CreateDb();
        db.FleetSet.Add(new Fleet { Name = name });
        await db.SaveChangesAsync();
        db.FleetSet.Add(new Fleet { Name = name.ToUpperInvariant() });
        var e = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("ux_vehicle_group_name", e.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fleet_types_are_internal_pilot_and_rental()
    {
        await using var scope = await AsAsync(Perm.FleetRead);
        var types = await scope.ServiceProvider.GetRequiredService<ListFleetTypes>().HandleAsync();
        Assert.Equal(["internal", "pilot", "rental"], types.Select(t => t.Name));
    }
}
