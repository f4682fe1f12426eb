using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Domain;

public class PermissionModelTests
{
    [Fact]
    public void The_catalogue_holds_the_99_permissions_of_the_old_system_plus_the_portal_additions()
    {
        Assert.Equal(99, PermissionCatalogue.Legacy.Count());
        Assert.Equal(PermissionCatalogue.All.Count, PermissionCatalogue.All.Select(p => p.Name).Distinct().Count());
        Assert.Equal([Perm.AuditRead, Perm.MailOutboxRead, Perm.IntakeRead, Perm.IntakeRedrive, Perm.AlarmRead, Perm.AlarmAcknowledge, Perm.AlarmRuleWrite,
             Perm.InsurerExportRead, Perm.InsurerExportRun, Perm.RecallReportSignOff, Perm.VehicleInspect, Perm.CredentialRead, Perm.CredentialWrite,
             Perm.CampaignRead, Perm.CampaignWrite],
            PermissionCatalogue.All.Where(p => p.IsPortalAddition).Select(p => p.Name));
        Assert.All(PermissionCatalogue.All, p => Assert.Matches("^[a-z_]+(\\.[a-z_-]+)+$", p.Name));
    }

    [Fact]
    public void Seeded_groups_grant_exactly_what_the_spec_lists()
    {
        Assert.Equal(
            ["authorities.authority.provision", "authorities.vehicle.unsign_arcimoto", "fleets.group.remove_arcimoto_group", "fleets.group.write",
             "grafana.group.write", "grafana.vehicle.write", "vehicles.vehicle.provision", "vehicles.vehicle.self"],
            SeedGroups.ByMachineName("provision").Permissions.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["authorities.vehicle.read", "firmware.vehicle.read", "vehicles.vehicle.read"],
            SeedGroups.ByMachineName("support").Permissions.Order(StringComparer.Ordinal));
        // The eleven recall permissions of the old system and the portal's sign-off of quarterly completion reports.
        Assert.Equal(12, SeedGroups.ByMachineName("recall_admin").Permissions.Count);
        Assert.Equal(9, SeedGroups.ByMachineName("tsb_admin").Permissions.Count);
        var admin = SeedGroups.ByMachineName("all");
        Assert.Equal(1, SeedGroups.All.Single(g => g.MachineName == "all").Id);
        Assert.DoesNotContain(Perm.VehicleConfigurationWrite, admin.Permissions);
        Assert.Equal(PermissionCatalogue.All.Count - 1, admin.Permissions.Count);
        Assert.All(SeedGroups.All.SelectMany(g => g.Permissions), p => Assert.True(PermissionCatalogue.Exists(p), p));
    }

    [Fact]
    public void There_are_47_abilities_and_each_names_only_real_permissions()
    {
        Assert.Equal(47, Abilities.All.Count);
        Assert.Equal(Enumerable.Range(1, 47), Abilities.All.Select(a => a.Id));
        Assert.All(Abilities.All.SelectMany(a => a.Permissions), p => Assert.True(PermissionCatalogue.Exists(p), p));
    }

    [Fact]
    public void The_gps_read_ability_needs_vehicle_read_not_re_key()
    {
        var ability = Abilities.All.Single(a => a.Constant == "VEHICLE_GPS_RECORD_READ");
        Assert.Equal([Perm.VehicleRead], ability.Permissions);
    }

    [Fact]
    public void Super_admin_is_reachable_by_holding_every_real_permission()
    {
        var everything = PermissionCatalogue.All.Select(p => p.Name).ToHashSet();
        Assert.Contains(Abilities.For(everything), a => a.Constant == "SUPER_ADMIN");
        var administrator = SeedGroups.ByMachineName("all").Permissions.ToHashSet();
        Assert.DoesNotContain(Abilities.For(administrator), a => a.Constant == "SUPER_ADMIN");
    }

    [Fact]
    public void Abilities_are_derived_from_held_permissions()
    {
        var support = SeedGroups.ByMachineName("support").Permissions.ToHashSet();
        var constants = Abilities.For(support).Select(a => a.Constant).ToList();
        Assert.Contains("VEHICLE_READ", constants);
        Assert.Contains("VEHICLE_FIRMWARE_READ", constants);
        Assert.DoesNotContain("VEHICLE_PROVISION", constants);
    }
}
