using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Fleets;
using Arc.Domain.ManagedSessions;
using Arc.Domain.Models;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;
using Arc.Domain.Provisioning;
using Arc.Domain.Users;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Common;

/// <summary>
/// One unit of work on the portal's database: queries over its tables and the changes to save together.
/// Everything added before <see cref="SaveChangesAsync"/> (a change and its audit event) commits in one transaction.
/// </summary>
public interface IArcData : IAsyncDisposable
{
    IQueryable<Vehicle> Vehicles { get; }
    IQueryable<VehicleMeta> VehicleMeta { get; }
    IQueryable<VehicleModel> VehicleModels { get; }
    IQueryable<ModelRelease> ModelReleases { get; }
    IQueryable<ModelPart> ModelParts { get; }
    IQueryable<PartType> PartTypes { get; }
    IQueryable<VehiclePartInstalled> PartsInstalled { get; }
    IQueryable<Fleet> Fleets { get; }
    IQueryable<FleetVehicle> FleetVehicles { get; }
    IQueryable<FleetUser> FleetUsers { get; }
    IQueryable<User> Users { get; }
    IQueryable<PermissionGroup> PermissionGroups { get; }
    IQueryable<GroupPermission> GroupPermissions { get; }
    IQueryable<GroupMember> GroupMembers { get; }
    IQueryable<Note> Notes { get; }
    IQueryable<NoteTag> NoteTags { get; }
    IQueryable<AuditEvent> AuditEvents { get; }
    IQueryable<Authority> Authorities { get; }
    IQueryable<VehicleAuthority> VehicleAuthorities { get; }
    IQueryable<AuthorityVehicleMeta> AuthorityVehicleMeta { get; }
    IQueryable<AuthorityMember> AuthorityMembers { get; }
    IQueryable<VehicleTelemetryPoint> TelemetryPoints { get; }
    IQueryable<ManagedSessionVehicle> ManagedSessionVehicles { get; }
    IQueryable<ManagedSession> ManagedSessions { get; }
    IQueryable<ProvisioningRun> ProvisioningRuns { get; }
    IQueryable<ProvisioningStep> ProvisioningSteps { get; }
    IQueryable<BulkProvisioningJob> BulkProvisioningJobs { get; }
    IQueryable<BulkProvisioningRow> BulkProvisioningRows { get; }
    IQueryable<Email.EmailTemplate> EmailTemplates { get; }
    IQueryable<Email.OutboxEmail> OutboxEmails { get; }
    IQueryable<SideEffects.SideEffect> SideEffects { get; }
    IQueryable<UserPreference> UserPreferences { get; }
    IQueryable<UserSession> UserSessions { get; }
    IQueryable<Telemetry.TelemetryDefinitionVersion> TelemetryDefinitionVersions { get; }
    IQueryable<Telemetry.PointDefinition> PointDefinitions { get; }
    IQueryable<Telemetry.TelemetryBackfill> TelemetryBackfills { get; }
    IQueryable<Telemetry.TelemetryExport> TelemetryExports { get; }

    void Add<T>(T entity) where T : class;
    void Remove<T>(T entity) where T : class;

    Task<List<T>> ListAsync<T>(IQueryable<T> query, CancellationToken ct = default);
    Task<int> CountAsync<T>(IQueryable<T> query, CancellationToken ct = default);
    Task<T?> FirstOrDefaultAsync<T>(IQueryable<T> query, CancellationToken ct = default);
    Task<bool> AnyAsync<T>(IQueryable<T> query, CancellationToken ct = default);
    /// <exception cref="ConflictException">A row changed since it was read (optimistic concurrency).</exception>
    Task SaveChangesAsync(CancellationToken ct = default);
}

/// <summary>Opens a fresh unit of work; Blazor circuits live long, so each operation gets its own.</summary>
public interface IArcDataFactory
{
    IArcData Open();
}
