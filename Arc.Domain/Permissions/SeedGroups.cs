namespace Arc.Domain.Permissions;

public sealed record SeedGroup(int Id, string MachineName, string Name, IReadOnlyList<string> Permissions);

/// <summary>
/// The permission groups of spec/backend.md §3.5 as they stand after every migration, plus the three groups the
/// old code referenced but never created (§11 #21). They are written once, on a database with no groups;
/// administrators own them afterwards.
/// </summary>
public static class SeedGroups
{
    public static IReadOnlyList<SeedGroup> All { get; } =
    [
        new(1, "all", "Administrator",
            PermissionCatalogue.All.Select(p => p.Name).Where(p => p != Perm.VehicleConfigurationWrite).ToArray()),
        new(2, "provision", "Provision",
        [
            Perm.AuthorityProvision, Perm.AuthorityVehicleUnsignArcimoto, Perm.FleetRemoveArcimotoGroup, Perm.FleetWrite,
            Perm.GrafanaGroupWrite, Perm.GrafanaVehicleWrite, Perm.VehicleProvision, Perm.VehicleSelf,
        ]),
        new(3, "delivery", "Delivery",
        [
            Perm.AuthorityCreate, Perm.AuthorityProvision, Perm.AuthorityRead, Perm.AuthorityVehicleRead,
            Perm.VehicleRead, Perm.VehicleSelf,
        ]),
        new(4, "quality", "Quality",
        [
            Perm.AuthorityProvision, Perm.AuthorityUnprovision, Perm.AuthorityVehicleSign, Perm.FirmwareVehicleRead,
            Perm.VehicleRead, Perm.VehicleSelf, Perm.VehicleInspect,
        ]),
        new(5, "service", "Arcimoto Service",
        [
            Perm.AuthorityVehicleRead, Perm.FirmwareVehicleRead, Perm.FirmwareVehicleWrite, Perm.RecallVehicleRead,
            Perm.RecallVehicleService, Perm.TelemetryBackfill, Perm.TsbVehicleRead, Perm.TsbVehicleService,
            Perm.VehicleRead,
        ]),
        new(6, "support", "Arcimoto Support", [Perm.AuthorityVehicleRead, Perm.FirmwareVehicleRead, Perm.VehicleRead]),
        new(7, "recall_admin", "Recall Admin", PermissionCatalogue.All.Select(p => p.Name).Where(p => p.StartsWith("recalls.", StringComparison.Ordinal)).ToArray()),
        new(8, "tsb_admin", "TSB Admin", PermissionCatalogue.All.Select(p => p.Name).Where(p => p.StartsWith("tsbs.", StringComparison.Ordinal)).ToArray()),
        new(9, "arcimoto", "Arcimoto", []),
        new(10, "fueloyal", "Fueloyal", []),
        new(11, "fleets_admin", "Fleets Admin",
            [Perm.FleetDepartmentCodeCreate, Perm.FleetDepartmentCodeDelete, Perm.FleetDepartmentCodeUpdate]),
    ];

    public static SeedGroup ByMachineName(string machineName) => All.Single(g => g.MachineName == machineName);
}
