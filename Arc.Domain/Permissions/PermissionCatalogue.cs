namespace Arc.Domain.Permissions;

public sealed record PermissionInfo(string Name, string Description, bool IsPortalAddition = false)
{
    /// <summary>
    /// True for a permission that amounts to administration: it changes who may do what (accounts, groups, memberships),
    /// so a holder can reach further than the permission's name suggests. The UI marks these.
    /// </summary>
    public bool IsAdministration => PermissionCatalogue.Administration.Contains(Name);
}

public static class PermissionCatalogue
{
    /// <summary>The 99 permissions of the old system followed by the portal's additions.</summary>
    public static IReadOnlyList<PermissionInfo> All { get; } =
    [
        new(Perm.AuthorityCreate, "Create authorities"),
        new(Perm.AuthorityDelete, "Delete authorities and their descendants"),
        new(Perm.AuthorityProvision, "Grant vehicles to authorities"),
        new(Perm.AuthorityReKey, "Replace an authority's key pair"),
        new(Perm.AuthorityRead, "View and list authorities"),
        new(Perm.AuthorityUnprovision, "Revoke vehicles from authorities"),
        new(Perm.AuthorityPublicKeyRead, "Read authority public keys"),
        new(Perm.AuthorityVehicleRead, "View a vehicle's authorities and its factory PIN"),
        new(Perm.AuthorityVehicleSign, "Sign vehicle access tokens"),
        new(Perm.AuthorityVehicleUnsignArcimoto, "Remove the maker's authority from a vehicle (provisioning rollback)"),
        new(Perm.FirmwareReleaseRead, "View released firmware versions"),
        new(Perm.FirmwareReleaseRefresh, "Refresh released firmware versions"),
        new(Perm.FirmwareVehicleRead, "View a vehicle's installed firmware"),
        new(Perm.FirmwareVehicleWrite, "Record a vehicle's installed firmware"),
        new(Perm.FleetDepartmentCodeCreate, "Create accounting department codes"),
        new(Perm.FleetDepartmentCodeDelete, "Delete accounting department codes"),
        new(Perm.FleetDepartmentCodeUpdate, "Update accounting department codes"),
        new(Perm.FleetCreate, "Create fleets"),
        new(Perm.FleetDelete, "Delete fleets"),
        new(Perm.FleetIntrospect, "Inspect fleet internals"),
        new(Perm.FleetManageUsers, "Manage the users of a fleet"),
        new(Perm.FleetRead, "View and list fleets"),
        new(Perm.FleetRemoveArcimotoGroup, "Remove a vehicle from the maker's fleet (provisioning rollback)"),
        new(Perm.FleetWrite, "Change fleets: vehicles, users, type, location, department"),
        new(Perm.FueloyalMetricsRead, "Fueloyal metrics (retired integration)"),
        new(Perm.FueloyalUserRead, "Fueloyal users (retired integration)"),
        new(Perm.FueloyalVehicleRead, "Fueloyal vehicles (retired integration)"),
        new(Perm.GrafanaGroupWrite, "Regenerate fleet dashboards"),
        new(Perm.GrafanaVehicleWrite, "Regenerate vehicle dashboards"),
        new(Perm.LocationCodeCreate, "Create accounting location codes"),
        new(Perm.LocationCodeDelete, "Delete accounting location codes"),
        new(Perm.LocationCodeUpdate, "Update accounting location codes"),
        new(Perm.LocationDelete, "Delete locations"),
        new(Perm.LocationUpdate, "Update locations"),
        new(Perm.ManagedSessionStart, "Start managed sessions"),
        new(Perm.ManagedSessionEnd, "End managed sessions"),
        new(Perm.ManagedSessionRead, "View managed sessions"),
        new(Perm.ModelRead, "View models"),
        new(Perm.ModelWrite, "Create model releases and part types"),
        new(Perm.NoteDelete, "Delete notes"),
        new(Perm.OdooLabelPrint, "Print delivery labels"),
        new(Perm.RecallCreate, "Create recalls and remedies"),
        new(Perm.RecallDelete, "Delete recalls and remedies"),
        new(Perm.RecallEdit, "Edit recalls and remedies"),
        new(Perm.RecallRead, "View recalls and remedies"),
        new(Perm.RecallUpdatedRead, "Read the recall data update stamp"),
        new(Perm.RecallUpdatedWrite, "Set the recall data update stamp"),
        new(Perm.RecallVehicleAdd, "Add vehicles to recalls"),
        new(Perm.RecallVehicleEdit, "Edit vehicle recall records"),
        new(Perm.RecallVehicleRead, "View vehicle recall records"),
        new(Perm.RecallVehicleRemove, "Remove vehicles from recalls"),
        new(Perm.RecallVehicleService, "Mark vehicle recalls serviced"),
        new(Perm.SheerIdVerifyDl, "Verify driver's licences"),
        new(Perm.SheerIdVerifyRead, "View driver's licence verifications"),
        new(Perm.TelemetryBackfill, "Upload telemetry backfill files"),
        new(Perm.TelemetryDefinitionWrite, "Add telemetry definitions"),
        new(Perm.TelemetryMetricsRead, "Read the telemetry point catalogue"),
        new(Perm.TelemetryPointsRead, "View a vehicle's telemetry points"),
        new(Perm.TelemetryPointsWrite, "Set a vehicle's telemetry points"),
        new(Perm.TelemetryVersionWrite, "Set a vehicle's telemetry definitions version"),
        new(Perm.TsbCreate, "Create technical service bulletins"),
        new(Perm.TsbDelete, "Delete technical service bulletins"),
        new(Perm.TsbEdit, "Edit technical service bulletins"),
        new(Perm.TsbRead, "View technical service bulletins"),
        new(Perm.TsbVehicleAdd, "Not used: bulletins apply by model and year, with no per-vehicle records to add"),
        new(Perm.TsbVehicleEdit, "Not used: bulletins apply by model and year, with no per-vehicle records to edit"),
        new(Perm.TsbVehicleRead, "View the bulletins that apply to a vehicle (its Bulletins tab)"),
        new(Perm.TsbVehicleRemove, "Not used: bulletins apply by model and year, with no per-vehicle records to remove"),
        new(Perm.TsbVehicleService, "Not used: bulletins apply by model and year; a bulletin's work is not recorded per vehicle"),
        new(Perm.AbilityCreate, "Create abilities"),
        new(Perm.AbilityRead, "View abilities"),
        new(Perm.AbilityUpdate, "Edit abilities"),
        new(Perm.AbilityDelete, "Delete abilities"),
        new(Perm.GroupAddPermission, "Add permissions to permission groups"),
        new(Perm.GroupRemovePermission, "Remove permissions from permission groups"),
        new(Perm.GroupCreate, "Create permission groups"),
        new(Perm.GroupDelete, "Delete permission groups"),
        new(Perm.GroupRead, "View a permission group"),
        new(Perm.GroupWrite, "Add and remove permission group members"),
        new(Perm.GroupsRead, "List permission groups"),
        new(Perm.PermissionsRead, "List permissions"),
        new(Perm.PreferencesRead, "List preferences"),
        new(Perm.UserPrefsRead, "View other users' preferences"),
        new(Perm.UserPrefsWrite, "Change other users' preferences"),
        new(Perm.UserProfileRead, "View other users' profiles"),
        new(Perm.UserProfileWrite, "Edit other users' profiles and MFA"),
        new(Perm.UserCreate, "Create users"),
        new(Perm.UserDelete, "Delete users"),
        new(Perm.UserDisable, "Disable users"),
        new(Perm.UserEnable, "Enable users"),
        new(Perm.UserResendInvite, "Resend invitations"),
        new(Perm.UserRead, "View users"),
        new(Perm.UserWrite, "Change users' groups and preferences"),
        new(Perm.UsersRead, "List users"),
        new(Perm.VehicleConfigurationWrite, "Set vehicle configuration such as the speed governor"),
        new(Perm.VehicleProvision, "Provision and unprovision vehicles"),
        new(Perm.VehicleRead, "View and list vehicles"),
        new(Perm.VehicleSelf, "Vehicle self-report"),
        new(Perm.VehicleWrite, "Change vehicles: metadata, options, parts, model release, GPS recording"),
        new(Perm.AuditRead, "Read the audit log", IsPortalAddition: true),
        new(Perm.MailOutboxRead, "Read the mail outbox", IsPortalAddition: true),
        new(Perm.IntakeRead, "See the telemetry intake: counts, refusals, dead letters", IsPortalAddition: true),
        new(Perm.IntakeRedrive, "Send dead letters through the intake again or discard them", IsPortalAddition: true),
        new(Perm.AlarmRead, "See alarms and alarm rules", IsPortalAddition: true),
        new(Perm.AlarmAcknowledge, "Acknowledge and clear alarms", IsPortalAddition: true),
        new(Perm.AlarmRuleWrite, "Create, change and delete alarm rules", IsPortalAddition: true),
        new(Perm.InsurerExportRead, "See the monthly insurer exports and download them", IsPortalAddition: true),
        new(Perm.InsurerExportRun, "Produce the insurer export of a chosen month", IsPortalAddition: true),
        new(Perm.RecallReportSignOff, "Sign off a recall's quarterly completion report, which freezes it", IsPortalAddition: true),
        new(Perm.VehicleInspect, "Record a vehicle's quality inspection", IsPortalAddition: true),
        new(Perm.CredentialRead, "See the HTTP API's service credentials and their last use", IsPortalAddition: true),
        new(Perm.CredentialWrite, "Create, rotate and revoke service credentials", IsPortalAddition: true),
        new(Perm.CampaignRead, "See over-the-air firmware campaigns and their progress", IsPortalAddition: true),
        new(Perm.CampaignWrite, "Create and steer over-the-air firmware campaigns", IsPortalAddition: true),
    ];

    /// <summary>The permissions that change who may do what (see <see cref="PermissionInfo.IsAdministration"/>).</summary>
    public static IReadOnlySet<string> Administration { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Perm.AuthorityCreate, Perm.AbilityCreate, Perm.AbilityUpdate, Perm.AbilityDelete, Perm.GroupAddPermission, Perm.GroupRemovePermission,
        Perm.GroupCreate, Perm.GroupDelete, Perm.GroupWrite, Perm.UserPrefsWrite, Perm.UserProfileWrite, Perm.UserCreate, Perm.UserDelete,
        Perm.UserDisable, Perm.UserEnable, Perm.UserResendInvite, Perm.UserWrite, Perm.FleetManageUsers,
        // The outbox shows who was sent an invitation or a code (the secrets themselves are masked).
        Perm.MailOutboxRead,
        // A credential acts with the permissions of the groups it is given.
        Perm.CredentialWrite,
    };

    private static readonly HashSet<string> Names = All.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    public static bool Exists(string permission) => Names.Contains(permission);

    /// <summary>The permissions that came from the old system (the 99 of spec/backend.md §3.4).</summary>
    public static IEnumerable<PermissionInfo> Legacy => All.Where(p => !p.IsPortalAddition);
}
