using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;
using Arc.Infrastructure;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

public sealed class DatabaseSeedTests(PortalServer portal) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task The_permission_catalogue_and_the_seeded_groups_are_in_the_database()
    {
        await using var db = portal.CreateDb();
        Assert.Equal(PermissionCatalogue.All.Select(p => p.Name).Order(), (await db.PermissionSet.Select(p => p.Name).ToListAsync()).Order());
        var groups = await db.GroupSet.OrderBy(g => g.Id).ToListAsync();
        Assert.Equal(SeedGroups.All.Select(g => (g.Id, g.MachineName, g.Name)), groups.Select(g => (g.Id, g.MachineName, g.Name)));
        foreach (var seed in SeedGroups.All)
        {
            var granted = await db.GroupPermissionSet.Where(p => p.GroupId == seed.Id).Select(p => p.Permission).ToListAsync();
            Assert.Equal(seed.Permissions.Order(), granted.Order());
        }
    }

    [Fact]
    public async Task Reference_data_matches_the_old_systems_seeds()
    {
        await using var db = portal.CreateDb();
        Assert.Equal(["T", "C", "D", "E", "F", "R", "B"], await db.ModelSet.OrderBy(m => m.Id).Select(m => m.LetterCode).ToListAsync());
        Assert.Equal(22, await db.ReleaseSet.CountAsync());
        Assert.Equal("Flatbed: KERS w/o DISCO Board", (await db.ReleaseSet.SingleAsync(r => r.ModelReleaseId == 21)).Description);
        // One part number per part type: KERS releases split the inverter into left and right (13 parts),
        // the older ones carry the single legacy inverter (12 parts).
        var perRelease = await db.ModelPartSet.GroupBy(p => p.ModelReleaseId)
            .Select(g => new { Release = g.Key, Count = g.Count(), Split = g.Any(p => p.PartType == "Inverter - Left") }).ToListAsync();
        Assert.Equal(22, perRelease.Count);
        Assert.All(perRelease, r => Assert.Equal(r.Split ? 13 : 12, r.Count));
        Assert.False(await db.ModelPartSet.GroupBy(p => p.ModelReleaseId)
            .AnyAsync(g => g.Any(p => p.PartType == "Inverter - Left") && g.Any(p => p.PartType == "Inverters (legacy)")));
        Assert.Equal("001412", (await db.ModelPartSet.SingleAsync(p => p.ModelReleaseId == 3 && p.PartType == "KERS Sensor")).PartNumber);
        Assert.Equal("Arcimoto", (await db.FleetSet.SingleAsync(f => f.Id == Fleet.MakerFleetId)).Name);
    }

    [Fact]
    public async Task Demo_vehicles_have_valid_prefixed_vins_and_belong_to_the_makers_fleet()
    {
        await using var db = portal.CreateDb();
        var vins = await db.VehicleSet.Select(v => v.Vin).ToListAsync();
        Assert.Equal(DemoData.VehicleCount, vins.Count);
        Assert.All(vins, vin => Assert.True(Vin.IsValid(vin, DeploymentEnvironment.Dev), vin));
        Assert.All(vins, vin => Assert.StartsWith("DEV-", vin, StringComparison.Ordinal));
        Assert.Equal(DemoData.VehicleCount, await db.FleetVehicleSet.CountAsync(f => f.FleetId == Fleet.MakerFleetId));
    }

    [Fact]
    public async Task Initialising_again_changes_nothing_and_keeps_an_administrators_changes_to_groups()
    {
        await using (var db = portal.CreateDb())
        {
            db.GroupPermissionSet.Remove(await db.GroupPermissionSet.SingleAsync(p => p.GroupId == 6 && p.Permission == Perm.FirmwareVehicleRead));
            await db.SaveChangesAsync();
        }
        await portal.Services.InitializeStoresAsync(seedDemoData: true);
        await using var check = portal.CreateDb();
        Assert.False(await check.GroupPermissionSet.AnyAsync(p => p.GroupId == 6 && p.Permission == Perm.FirmwareVehicleRead));
        Assert.Equal(DemoData.VehicleCount, await check.VehicleSet.CountAsync());
        Assert.Equal(1, await check.UserSet.CountAsync(u => u.Email == PortalServer.AdminEmail));
        Assert.Equal(22, await check.ReleaseSet.CountAsync());
        await using (var restore = portal.CreateDb())
        {
            restore.GroupPermissionSet.Add(new GroupPermission { GroupId = 6, Permission = Perm.FirmwareVehicleRead });
            await restore.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task The_first_administrator_is_in_the_administrator_group_with_a_hashed_password()
    {
        await using var db = portal.CreateDb();
        var admin = await db.UserSet.SingleAsync(u => u.Email == PortalServer.AdminEmail);
        Assert.NotEqual(PortalServer.AdminPassword, admin.PasswordHash);
        Assert.DoesNotContain(PortalServer.AdminPassword, admin.PasswordHash!, StringComparison.Ordinal);
        Assert.False(admin.MustChangePassword); // a configured password is not a one-time password
        Assert.True(await db.GroupMemberSet.AnyAsync(m => m.Username == admin.Username && m.GroupId == PermissionGroup.AdministratorGroupId));
    }
}
