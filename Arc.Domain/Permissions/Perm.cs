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
