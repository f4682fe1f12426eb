using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Email;
using Arc.Domain.Fleets;
using Arc.Domain.ManagedSessions;
using Arc.Domain.Models;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;
using Arc.Domain.Provisioning;
using Arc.Domain.SideEffects;
using Arc.Domain.Telemetry;
using Arc.Domain.Users;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests;

/// <summary>
/// Short names for the tables tests arrange and inspect directly (<c>db.UserSet.Add(...)</c>). The portal's own code
/// names tables per feature on <see cref="Arc.Domain.Common.IArcData"/>; these are a convenience of the tests only.
/// </summary>
public static class ArcDbSets
{
    extension(ArcDbContext db)
    {
        public DbSet<Vehicle> VehicleSet => db.Set<Vehicle>();
        public DbSet<VehicleMeta> VehicleMetaSet => db.Set<VehicleMeta>();
        public DbSet<VehicleModel> ModelSet => db.Set<VehicleModel>();
        public DbSet<ModelRelease> ReleaseSet => db.Set<ModelRelease>();
        public DbSet<ModelPart> ModelPartSet => db.Set<ModelPart>();
        public DbSet<Fleet> FleetSet => db.Set<Fleet>();
        public DbSet<FleetVehicle> FleetVehicleSet => db.Set<FleetVehicle>();
        public DbSet<FleetUser> FleetUserSet => db.Set<FleetUser>();
        public DbSet<User> UserSet => db.Set<User>();
        public DbSet<PermissionGroup> GroupSet => db.Set<PermissionGroup>();
        public DbSet<PermissionEntry> PermissionSet => db.Set<PermissionEntry>();
        public DbSet<GroupPermission> GroupPermissionSet => db.Set<GroupPermission>();
        public DbSet<GroupMember> GroupMemberSet => db.Set<GroupMember>();
        public DbSet<Note> NoteSet => db.Set<Note>();
        public DbSet<NoteTag> NoteTagSet => db.Set<NoteTag>();
        public DbSet<AuditEvent> AuditSet => db.Set<AuditEvent>();
        public DbSet<Authority> AuthoritySet => db.Set<Authority>();
        public DbSet<VehicleAuthority> VehicleAuthoritySet => db.Set<VehicleAuthority>();
        public DbSet<AuthorityVehicleMeta> AuthorityMetaSet => db.Set<AuthorityVehicleMeta>();
        public DbSet<AuthorityMember> AuthorityMemberSet => db.Set<AuthorityMember>();
        public DbSet<VehicleTelemetryPoint> TelemetryPointSet => db.Set<VehicleTelemetryPoint>();
        public DbSet<ManagedSessionVehicle> ManagedVehicleSet => db.Set<ManagedSessionVehicle>();
        public DbSet<ManagedSession> ManagedSessionSet => db.Set<ManagedSession>();
        public DbSet<ProvisioningRun> ProvisioningRunSet => db.Set<ProvisioningRun>();
        public DbSet<ProvisioningStep> ProvisioningStepSet => db.Set<ProvisioningStep>();
        public DbSet<BulkProvisioningJob> BulkProvisioningJobSet => db.Set<BulkProvisioningJob>();
        public DbSet<BulkProvisioningRow> BulkProvisioningRowSet => db.Set<BulkProvisioningRow>();
        public DbSet<EmailTemplate> EmailTemplateSet => db.Set<EmailTemplate>();
        public DbSet<OutboxEmail> OutboxEmailSet => db.Set<OutboxEmail>();
        public DbSet<SideEffect> SideEffectSet => db.Set<SideEffect>();
        public DbSet<TelemetryDefinitionVersion> DefinitionVersionSet => db.Set<TelemetryDefinitionVersion>();
        public DbSet<TelemetryBackfill> BackfillSet => db.Set<TelemetryBackfill>();
        public DbSet<TelemetryExport> ExportSet => db.Set<TelemetryExport>();
    }
}
