namespace Arc.Domain.Changes;

/// <summary>
/// A note that something changed, small enough to cross the database's notification channel: what kind of thing
/// (<see cref="Topic"/>) and which one (<see cref="Key"/>, a VIN or an id). It carries no data; whoever shows the
/// thing reads it again.
/// </summary>
public sealed record Change(string Topic, string Key);

/// <summary>The kinds of change open pages listen for, and what their key is.</summary>
public static class ChangeTopics
{
    /// <summary>A vehicle's shadow document was written. Key: the VIN.</summary>
    public const string VehicleShadow = "vehicle.shadow";
    /// <summary>A vehicle's metadata was written (GPS recording, the speed governor, a configuration section). Key: the VIN.</summary>
    public const string VehicleMeta = "vehicle.meta";
    /// <summary>Work queued for a vehicle (shadow publish, revocation...) was added, done or failed. Key: the VIN.</summary>
    public const string VehicleSideEffects = "vehicle.side_effects";
    /// <summary>A provisioning run of a vehicle started, took a step or ended. Key: the VIN.</summary>
    public const string ProvisioningRun = "provisioning.run";
    /// <summary>A bulk provisioning job or one of its rows moved on. Key: the job id.</summary>
    public const string BulkJob = "bulk.job";
    /// <summary>Telemetry of a vehicle arrived. Key: the VIN.</summary>
    public const string Telemetry = "telemetry";
    /// <summary>A telemetry backfill of a vehicle moved on. Key: the VIN.</summary>
    public const string TelemetryBackfill = "telemetry.backfill";
    /// <summary>A raw telemetry export of a vehicle was requested, written or expired. Key: the VIN.</summary>
    public const string TelemetryExport = "telemetry.export";
    /// <summary>
    /// What decides whether a user may act changed: the account (enabled, stamp, password or MFA state), one of its
    /// sessions, its groups, or a group's permissions (announced to every member). Key: the username.
    /// </summary>
    public const string UserAccess = "user.access";
    /// <summary>The intake stored its counts (every few seconds while vehicles report). Key: <see cref="IntakeKey"/>.</summary>
    public const string Intake = "intake";
    public const string IntakeKey = "all";
    /// <summary>An alarm of a vehicle was raised, acknowledged or cleared. Key: the VIN, and <see cref="AlarmAll"/> for lists of every vehicle.</summary>
    public const string Alarm = "alarm";
    /// <summary>An alarm rule was added, changed or deleted. Key: <see cref="AlarmAll"/>.</summary>
    public const string AlarmRules = "alarm.rules";
    /// <summary>An insurer export was queued, started, produced or failed. Key: <see cref="AlarmAll"/> (the list of every month).</summary>
    public const string InsurerExport = "insurer.export";
    /// <summary>An over-the-air campaign, one of its waves, vehicles or health checks changed. Key: the campaign id.</summary>
    public const string Campaign = "ota.campaign";
    /// <summary>The key of alarm changes that concern every vehicle's list (the centre, the app-bar badge).</summary>
    public const string AlarmAll = "*";
}
