namespace Arc.Domain.Permissions;

/// <summary>A named UI capability that a user has exactly when they hold every permission it lists.</summary>
public sealed record Ability(int Id, string Constant, string Name, IReadOnlyList<string> Permissions);

/// <summary>
/// The 47 abilities of spec/backend.md §3.6 with two of its defects fixed (§11 #8, #9): VEHICLE_GPS_RECORD_READ
/// needs vehicles.vehicle.read instead of authorities.authority.re-key, and SUPER_ADMIN no longer needs the
/// non-existent fueloyal.user.create, so it is reachable by holding every real permission.
/// </summary>
public static class Abilities
{
    private static readonly string[] AllRecalls =
        PermissionCatalogue.All.Select(p => p.Name).Where(p => p.StartsWith("recalls.", StringComparison.Ordinal)).ToArray();

    public static IReadOnlyList<Ability> All { get; } =
    [
        new(1, "VEHICLE_PROVISION", "Vehicle - Provision",
            [Perm.AuthorityVehicleSign, Perm.FleetRemoveArcimotoGroup, Perm.FleetWrite, Perm.GrafanaGroupWrite, Perm.GrafanaVehicleWrite,
             Perm.TelemetryPointsRead, Perm.TelemetryPointsWrite, Perm.VehicleProvision, Perm.VehicleWrite]),
        new(2, "AUTHORITY_CREATE", "Authority - Create", [Perm.AuthorityCreate, Perm.AuthorityRead]),
        new(3, "FLEET_ADMIN", "Fleets Admin",
            [Perm.FleetDepartmentCodeCreate, Perm.FleetDepartmentCodeDelete, Perm.FleetDepartmentCodeUpdate, Perm.FleetCreate,
             Perm.FleetDelete, Perm.FleetIntrospect, Perm.FleetManageUsers, Perm.FleetRead, Perm.FleetWrite, Perm.GrafanaGroupWrite,
             Perm.GrafanaVehicleWrite, Perm.UserRead, Perm.VehicleRead]),
        new(4, "VEHICLE_DELIVER", "Vehicle - Deliver",
            [Perm.AuthorityCreate, Perm.AuthorityRead, Perm.AuthorityVehicleRead, Perm.AuthorityVehicleSign, Perm.OdooLabelPrint, Perm.VehicleWrite]),
        new(5, "VEHICLE_QUALITY", "Vehicle - Quality",
            [Perm.AuthorityProvision, Perm.AuthorityRead, Perm.AuthorityUnprovision, Perm.AuthorityVehicleRead, Perm.FirmwareReleaseRead,
             Perm.FirmwareVehicleRead]),
        new(6, "AUTHORITY_ADMIN", "Authority Admin",
            [Perm.AuthorityCreate, Perm.AuthorityDelete, Perm.AuthorityReKey, Perm.AuthorityRead, Perm.AuthorityVehicleRead,
             Perm.AuthorityVehicleSign, Perm.FleetRemoveArcimotoGroup, Perm.FleetWrite, Perm.GrafanaGroupWrite, Perm.GrafanaVehicleWrite,
             Perm.TelemetryPointsRead, Perm.TelemetryPointsWrite, Perm.VehicleProvision, Perm.VehicleRead, Perm.VehicleWrite]),
        new(7, "MANAGED_SESSION_ADMIN", "Managed Session Admin",
            [Perm.ManagedSessionEnd, Perm.ManagedSessionRead, Perm.ManagedSessionStart, Perm.VehicleRead]),
        new(8, "RECALL_ADMIN", "Recall Admin", [.. AllRecalls, Perm.VehicleRead]),
        new(9, "VEHICLE_BACKFILL_TELEMETRY", "Vehicle - Backfill Telemetry - Engineering", [Perm.TelemetryBackfill, Perm.VehicleRead]),
        new(10, "VEHICLE_READ", "Vehicles - View", [Perm.VehicleRead]),
        new(11, "VEHICLE_FIRMWARE_READ", "Vehicle - Firmware - View", [Perm.FirmwareVehicleRead, Perm.VehicleRead]),
        new(12, "VEHICLE_FIRMWARE_WRITE", "Vehicle - Firmware - Edit",
            [Perm.FirmwareReleaseRead, Perm.FirmwareVehicleRead, Perm.FirmwareVehicleWrite, Perm.VehicleRead]),
        new(13, "FIRMWARE_ADMIN", "Firmware - Admin",
            [Perm.FirmwareReleaseRead, Perm.FirmwareReleaseRefresh, Perm.FirmwareVehicleRead, Perm.FirmwareVehicleWrite, Perm.VehicleRead]),
        new(14, "VEHICLE_GPS_RECORD_READ", "Vehicle - GPS Record - View", [Perm.VehicleRead]),
        new(15, "VEHICLE_GPS_RECORD_WRITE", "Vehicle - GPS Record - Set", [Perm.VehicleRead, Perm.VehicleWrite]),
        new(16, "VEHICLE_TELMETRY_CONFIG_WRITE", "Vehicle - Telemetry Points - Set",
            [Perm.GrafanaVehicleWrite, Perm.TelemetryMetricsRead, Perm.TelemetryPointsWrite, Perm.VehicleRead]),
        new(17, "VEHICLE_TELMETRY_CONFIG_READ", "Vehicle - Telemetry Points - View", [Perm.TelemetryMetricsRead, Perm.VehicleRead]),
        new(18, "VEHICLE_MANUFACTURING_CONFIG_READ", "Vehicle - Configuration - View", [Perm.VehicleRead]),
        new(19, "VEHICLE_MANUFACTURING_CONFIG_WRITE", "Vehicle - Configuration - Set", [Perm.VehicleRead, Perm.VehicleWrite]),
        new(20, "VEHICLE_TOKEN_SIGN", "Vehicle - Sign Token", [Perm.AuthorityVehicleSign, Perm.VehicleRead]),
        new(21, "VEHICLE_MAIN_ADMIN", "Vehicle Manager Admin",
            [Perm.AuthorityVehicleSign, Perm.FirmwareReleaseRead, Perm.FirmwareReleaseRefresh, Perm.FirmwareVehicleRead,
             Perm.FirmwareVehicleWrite, Perm.FleetWrite, Perm.GrafanaGroupWrite, Perm.GrafanaVehicleWrite, Perm.ManagedSessionEnd,
             Perm.ManagedSessionRead, Perm.ManagedSessionStart, Perm.TelemetryBackfill, Perm.TelemetryMetricsRead,
             Perm.TelemetryPointsWrite, Perm.VehicleRead, Perm.VehicleWrite]),
        new(22, "VEHICLE_FACTORY_PIN_READ", "Vehicle - Get Factory PIN", [Perm.AuthorityVehicleRead, Perm.VehicleRead]),
        new(23, "VEHICLE_NOTES_READ", "Vehicle - View Notes", [Perm.VehicleRead]),
        new(24, "VEHICLE_NOTES_CREATE", "Vehicle - Create Note", [Perm.VehicleRead]),
        new(25, "USER_READ", "Users - View", [Perm.UserRead]),
        new(26, "USER_ADMIN", "Users - Admin",
            [Perm.GroupRead, Perm.GroupWrite, Perm.GroupsRead, Perm.UserProfileRead, Perm.UserProfileWrite, Perm.UserCreate,
             Perm.UserDelete, Perm.UserDisable, Perm.UserEnable, Perm.UserRead, Perm.UserResendInvite, Perm.UserWrite]),
        new(27, "USER_PROFILE_WRITE", "Users - Profile - Edit", [Perm.UserProfileRead, Perm.UserProfileWrite, Perm.UserRead]),
        new(28, "USER_CREATE", "Users - Create", [Perm.UserCreate, Perm.UserRead, Perm.UserResendInvite]),
        new(29, "USER_ENABLED_WRITE", "Users - Toggle Active", [Perm.UserDisable, Perm.UserEnable, Perm.UserRead]),
        new(30, "USER_PERMISSION_GROUPS_READ", "Permission Groups - View", [Perm.GroupRead, Perm.GroupsRead]),
        new(31, "ODOO_LABEL_PRINT", "Odoo - Print Label", [Perm.OdooLabelPrint]),
        new(32, "PERMISSION_GROUP_CREATE", "Permission Group - Create", [Perm.GroupCreate, Perm.GroupRead, Perm.GroupsRead]),
        new(33, "PERMISSION_GROUP_WRITE", "User - Permission Group - Add/Remove",
            [Perm.GroupRead, Perm.GroupWrite, Perm.GroupsRead, Perm.UserWrite, Perm.UsersRead]),
        new(34, "PERMISSIONS_READ", "Permissions - View", [Perm.PermissionsRead]),
        new(35, "PERMISSION_GROUP_ADD_PERMISSION", "Permissions Group - Add Permission",
            [Perm.GroupAddPermission, Perm.GroupRead, Perm.GroupsRead, Perm.PermissionsRead]),
        new(36, "PERMISSION_GROUP_REMOVE_PERMISSION", "Permissions Group - Remove Permission",
            [Perm.GroupRead, Perm.GroupRemovePermission, Perm.GroupsRead, Perm.PermissionsRead]),
        new(37, "ABILITIES_READ", "Users - Abilities - List", [Perm.AbilityRead]),
        new(38, "ABILITIES_CREATE", "Users - Abilities - Create", [Perm.AbilityCreate, Perm.AbilityRead]),
        new(39, "PERMISSION_ADMIN", "Permission - Admin",
            [Perm.AbilityCreate, Perm.AbilityRead, Perm.GroupAddPermission, Perm.GroupCreate, Perm.GroupDelete, Perm.GroupRead,
             Perm.GroupRemovePermission, Perm.GroupWrite, Perm.GroupsRead, Perm.PermissionsRead, Perm.UserWrite, Perm.UsersRead]),
        new(40, "TELEMETRY_ADMIN", "Telemetry - Admin",
            [Perm.TelemetryDefinitionWrite, Perm.TelemetryMetricsRead, Perm.TelemetryPointsRead, Perm.TelemetryPointsWrite]),
        new(41, "RECALLS_SERVICE", "Vehicle - Recalls - Service", [Perm.RecallRead, Perm.RecallVehicleService, Perm.VehicleRead]),
        new(42, "VEHICLE_AUTHORITIES_READ", "Vehicles - List with Authorities", [Perm.AuthorityVehicleRead]),
        new(43, "SUPER_ADMIN", "Super Admin", PermissionCatalogue.Legacy.Select(p => p.Name).ToArray()),
        new(44, "AUTHORITIES_LIST", "Authorities List", [Perm.AuthorityRead]),
        new(45, "RECALLS_READ", "Recalls Read", [Perm.RecallRead]),
        new(46, "FLEETS_GROUP_READ", "Fleets - Read Group", [Perm.FleetRead]),
        new(47, "LOCATIONS_ADMIN", "Locations Admin",
            [Perm.LocationCodeCreate, Perm.LocationCodeDelete, Perm.LocationCodeUpdate, Perm.LocationDelete, Perm.LocationUpdate]),
    ];

    /// <summary>The abilities a holder of these permissions has.</summary>
    public static IReadOnlyList<Ability> For(IReadOnlySet<string> permissions) =>
        All.Where(a => a.Permissions.All(permissions.Contains)).ToList();
}
