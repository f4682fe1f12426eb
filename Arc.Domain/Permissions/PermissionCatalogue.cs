namespace Arc.Domain.Permissions;

/// <summary>
/// Every permission string of spec/backend.md §3.4, with what it guards, plus the portal's own additions
/// (marked as such). The strings are the contract: groups, policies and use cases all name them from here.
/// </summary>
public static class Perm
{
    public const string AuthorityCreate = "authorities.authority.create";
    public const string AuthorityDelete = "authorities.authority.delete";
    public const string AuthorityProvision = "authorities.authority.provision";
    public const string AuthorityReKey = "authorities.authority.re-key";
    public const string AuthorityRead = "authorities.authority.read";
    public const string AuthorityUnprovision = "authorities.authority.unprovision";
    public const string AuthorityPublicKeyRead = "authorities.public_key.read";
    public const string AuthorityVehicleRead = "authorities.vehicle.read";
    public const string AuthorityVehicleSign = "authorities.vehicle.sign";
    public const string AuthorityVehicleUnsignArcimoto = "authorities.vehicle.unsign_arcimoto";

    public const string FirmwareReleaseRead = "firmware.release-version.read";
    public const string FirmwareReleaseRefresh = "firmware.release-version.refresh";
    public const string FirmwareVehicleRead = "firmware.vehicle.read";
    public const string FirmwareVehicleWrite = "firmware.vehicle.write";

    public const string FleetDepartmentCodeCreate = "fleets.accounting_department_code.create";
    public const string FleetDepartmentCodeDelete = "fleets.accounting_department_code.delete";
    public const string FleetDepartmentCodeUpdate = "fleets.accounting_department_code.update";
    public const string FleetCreate = "fleets.group.create";
    public const string FleetDelete = "fleets.group.delete";
    public const string FleetIntrospect = "fleets.group.introspect";
    public const string FleetManageUsers = "fleets.group.manage-users";
    public const string FleetRead = "fleets.group.read";
    public const string FleetRemoveArcimotoGroup = "fleets.group.remove_arcimoto_group";
    public const string FleetWrite = "fleets.group.write";

    public const string FueloyalMetricsRead = "fueloyal.metrics.read";
    public const string FueloyalUserRead = "fueloyal.user.read";
    public const string FueloyalVehicleRead = "fueloyal.vehicle.read";

    public const string GrafanaGroupWrite = "grafana.group.write";
    public const string GrafanaVehicleWrite = "grafana.vehicle.write";

    public const string LocationCodeCreate = "locations.code.create";
    public const string LocationCodeDelete = "locations.code.delete";
    public const string LocationCodeUpdate = "locations.code.update";
    public const string LocationDelete = "locations.delete";
    public const string LocationUpdate = "locations.update";

    public const string ManagedSessionStart = "managed_session.session.start";
    public const string ManagedSessionEnd = "managed_session.session.end";
    public const string ManagedSessionRead = "managed_session.session.read";

    public const string ModelRead = "model.read";
    public const string ModelWrite = "model.write";

    public const string NoteDelete = "notes.note.delete";
    public const string OdooLabelPrint = "odoo.label.print";

    public const string RecallCreate = "recalls.recall.create";
    public const string RecallDelete = "recalls.recall.delete";
    public const string RecallEdit = "recalls.recall.edit";
    public const string RecallRead = "recalls.recall.read";
    public const string RecallReportSignOff = "recalls.report.signoff";
    public const string RecallUpdatedRead = "recalls.updated.read";
    public const string RecallUpdatedWrite = "recalls.updated.write";
    public const string RecallVehicleAdd = "recalls.vehicle.add";
    public const string RecallVehicleEdit = "recalls.vehicle.edit";
    public const string RecallVehicleRead = "recalls.vehicle.read";
    public const string RecallVehicleRemove = "recalls.vehicle.remove";
    public const string RecallVehicleService = "recalls.vehicle.service";

    public const string SheerIdVerifyDl = "sheer_id.verify.dl";
    public const string SheerIdVerifyRead = "sheer_id.verify.read";

    public const string TelemetryBackfill = "telemetry.backfill.engineering";
    public const string TelemetryDefinitionWrite = "telemetry.definition.write";
    public const string TelemetryMetricsRead = "telemetry.metrics.read";
    public const string TelemetryPointsRead = "telemetry.points.read";
    public const string TelemetryPointsWrite = "telemetry.points.write";
    public const string TelemetryVersionWrite = "telemetry.version.write";

    public const string TsbCreate = "tsbs.tsb.create";
    public const string TsbDelete = "tsbs.tsb.delete";
    public const string TsbEdit = "tsbs.tsb.edit";
    public const string TsbRead = "tsbs.tsb.read";
    public const string TsbVehicleAdd = "tsbs.vehicle.add";
    public const string TsbVehicleEdit = "tsbs.vehicle.edit";
    public const string TsbVehicleRead = "tsbs.vehicle.read";
    public const string TsbVehicleRemove = "tsbs.vehicle.remove";
    public const string TsbVehicleService = "tsbs.vehicle.service";

    public const string AbilityCreate = "users.abilities.create";
    public const string AbilityRead = "users.abilities.read";
    public const string AbilityUpdate = "users.abilities.update";
    public const string AbilityDelete = "users.abilities.delete";
    public const string GroupAddPermission = "users.group.add-permission";
    public const string GroupRemovePermission = "users.group.remove-permission";
    public const string GroupCreate = "users.group.create";
    public const string GroupDelete = "users.group.delete";
    public const string GroupRead = "users.group.read";
    public const string GroupWrite = "users.group.write";
    public const string GroupsRead = "users.groups.read";
    public const string PermissionsRead = "users.permissions.read";
    public const string PreferencesRead = "users.preferences.read";
    public const string UserPrefsRead = "users.user-prefs.read";
    public const string UserPrefsWrite = "users.user-prefs.write";
    public const string UserProfileRead = "users.user-profile.read";
    public const string UserProfileWrite = "users.user-profile.write";
    public const string UserCreate = "users.user.create";
    public const string UserDelete = "users.user.delete";
    public const string UserDisable = "users.user.disable";
    public const string UserEnable = "users.user.enable";
    public const string UserResendInvite = "users.user.resend_invite";
    public const string UserRead = "users.user.read";
    public const string UserWrite = "users.user.write";
    public const string UsersRead = "users.users.read";

    public const string VehicleConfigurationWrite = "vehicles.vehicle.configuration_write";
    public const string VehicleProvision = "vehicles.vehicle.provision";
    public const string VehicleRead = "vehicles.vehicle.read";
    public const string VehicleSelf = "vehicles.vehicle.self";
    public const string VehicleWrite = "vehicles.vehicle.write";

    /// <summary>Portal addition: read the audit log (the old system had none).</summary>
    public const string AuditRead = "audit.event.read";

    /// <summary>Portal addition: read the mail outbox (what the portal sent, with its bodies).</summary>
    public const string MailOutboxRead = "mail.outbox.read";

    /// <summary>Portal addition: see what vehicles sent, what was refused and the dead letters.</summary>
    public const string IntakeRead = "telemetry.intake.read";
    /// <summary>Portal addition: send dead letters through the intake again, or discard them.</summary>
    public const string IntakeRedrive = "telemetry.intake.redrive";
    /// <summary>Portal addition: see alarms (of the vehicles one may read) and the alarm rules.</summary>
    public const string AlarmRead = "alarms.alarm.read";
    /// <summary>Portal addition: acknowledge and clear alarms.</summary>
    public const string AlarmAcknowledge = "alarms.alarm.acknowledge";
    /// <summary>Portal addition: create, change and delete alarm rules and their notification webhooks.</summary>
    public const string AlarmRuleWrite = "alarms.rule.write";
    /// <summary>Portal addition: see the monthly insurer (Y-Risk) exports and download their files.</summary>
    public const string InsurerExportRead = "fleets.yrisk.read";
    /// <summary>Portal addition: produce the insurer export of a chosen month now.</summary>
    public const string InsurerExportRun = "fleets.yrisk.run";
    /// <summary>Portal addition: record a vehicle's quality inspection (the old panel recorded nothing).</summary>
    public const string VehicleInspect = "vehicles.vehicle.inspect";
    /// <summary>Portal addition: see the service credentials of the HTTP API and their last use.</summary>
    public const string CredentialRead = "users.credential.read";
    /// <summary>Portal addition: create, rotate and revoke service credentials.</summary>
    public const string CredentialWrite = "users.credential.write";
    /// <summary>Portal addition: see over-the-air firmware campaigns, their waves, vehicles and health comparisons.</summary>
    public const string CampaignRead = "firmware.campaign.read";
    /// <summary>Portal addition: create, start, pause, resume, abort, retry and roll back over-the-air campaigns.</summary>
    public const string CampaignWrite = "firmware.campaign.write";
}

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
