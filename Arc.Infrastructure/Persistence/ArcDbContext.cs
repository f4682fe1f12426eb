using System.Globalization;
using System.Linq.Expressions;
using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.ManagedSessions;
using Arc.Domain.Models;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;
using Arc.Domain.Provisioning;
using Arc.Domain.Users;
using Arc.Domain.Vehicles;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Arc.Infrastructure.Persistence;

/// <summary>
/// The portal's PostgreSQL database. Schemas follow the old system's three databases (spec/backend.md §2.4):
/// <c>main</c> for vehicles, models, fleets and notes, <c>users</c> for accounts and permissions, plus
/// <c>audit</c> for the audit log and <c>portal</c> for the portal's own plumbing.
/// </summary>
public sealed class ArcDbContext(DbContextOptions<ArcDbContext> options) : DbContext(options), IArcData, IDataProtectionKeyContext
{
    public DbSet<Vehicle> VehicleSet => Set<Vehicle>();
    public DbSet<VehicleMeta> VehicleMetaSet => Set<VehicleMeta>();
    public DbSet<VehiclePlatform> Platforms => Set<VehiclePlatform>();
    public DbSet<VehicleModel> ModelSet => Set<VehicleModel>();
    public DbSet<ModelRelease> ReleaseSet => Set<ModelRelease>();
    public DbSet<ModelPart> ModelPartSet => Set<ModelPart>();
    public DbSet<PartType> PartTypeSet => Set<PartType>();
    public DbSet<VehiclePartInstalled> PartsInstalledSet => Set<VehiclePartInstalled>();
    public DbSet<Fleet> FleetSet => Set<Fleet>();
    public DbSet<FleetVehicle> FleetVehicleSet => Set<FleetVehicle>();
    public DbSet<FleetUser> FleetUserSet => Set<FleetUser>();
    public DbSet<User> UserSet => Set<User>();
    public DbSet<PermissionGroup> GroupSet => Set<PermissionGroup>();
    public DbSet<PermissionEntry> PermissionSet => Set<PermissionEntry>();
    public DbSet<GroupPermission> GroupPermissionSet => Set<GroupPermission>();
    public DbSet<GroupMember> GroupMemberSet => Set<GroupMember>();
    public DbSet<Note> NoteSet => Set<Note>();
    public DbSet<NoteTag> NoteTagSet => Set<NoteTag>();
    public DbSet<AuditEvent> AuditSet => Set<AuditEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Authority> AuthoritySet => Set<Authority>();
    public DbSet<VehicleAuthority> VehicleAuthoritySet => Set<VehicleAuthority>();
    public DbSet<AuthorityVehicleMeta> AuthorityMetaSet => Set<AuthorityVehicleMeta>();
    public DbSet<AuthorityMember> AuthorityMemberSet => Set<AuthorityMember>();
    public DbSet<VehicleTelemetryPoint> TelemetryPointSet => Set<VehicleTelemetryPoint>();
    public DbSet<ManagedSessionVehicle> ManagedVehicleSet => Set<ManagedSessionVehicle>();
    public DbSet<ManagedSession> ManagedSessionSet => Set<ManagedSession>();
    public DbSet<ProvisioningRun> ProvisioningRunSet => Set<ProvisioningRun>();
    public DbSet<ProvisioningStep> ProvisioningStepSet => Set<ProvisioningStep>();
    public DbSet<BulkProvisioningJob> BulkProvisioningJobSet => Set<BulkProvisioningJob>();
    public DbSet<BulkProvisioningRow> BulkProvisioningRowSet => Set<BulkProvisioningRow>();
    public DbSet<Domain.Email.EmailTemplate> EmailTemplateSet => Set<Domain.Email.EmailTemplate>();
    public DbSet<Domain.Email.OutboxEmail> OutboxEmailSet => Set<Domain.Email.OutboxEmail>();
    public DbSet<Domain.SideEffects.SideEffect> SideEffectSet => Set<Domain.SideEffects.SideEffect>();
    public DbSet<UserPreference> UserPreferenceSet => Set<UserPreference>();
    public DbSet<Domain.Telemetry.TelemetryDefinitionVersion> DefinitionVersionSet => Set<Domain.Telemetry.TelemetryDefinitionVersion>();
    public DbSet<Domain.Telemetry.PointDefinition> PointDefinitionSet => Set<Domain.Telemetry.PointDefinition>();
    public DbSet<Domain.Telemetry.TelemetryBackfill> BackfillSet => Set<Domain.Telemetry.TelemetryBackfill>();
    public DbSet<Domain.Telemetry.TelemetryExport> ExportSet => Set<Domain.Telemetry.TelemetryExport>();

    IQueryable<Vehicle> IArcData.Vehicles => VehicleSet;
    IQueryable<VehicleMeta> IArcData.VehicleMeta => VehicleMetaSet;
    IQueryable<VehicleModel> IArcData.VehicleModels => ModelSet;
    IQueryable<ModelRelease> IArcData.ModelReleases => ReleaseSet;
    IQueryable<ModelPart> IArcData.ModelParts => ModelPartSet;
    IQueryable<PartType> IArcData.PartTypes => PartTypeSet;
    IQueryable<VehiclePartInstalled> IArcData.PartsInstalled => PartsInstalledSet;
    IQueryable<Fleet> IArcData.Fleets => FleetSet;
    IQueryable<FleetVehicle> IArcData.FleetVehicles => FleetVehicleSet;
    IQueryable<FleetUser> IArcData.FleetUsers => FleetUserSet;
    IQueryable<User> IArcData.Users => UserSet;
    IQueryable<PermissionGroup> IArcData.PermissionGroups => GroupSet;
    IQueryable<GroupPermission> IArcData.GroupPermissions => GroupPermissionSet;
    IQueryable<GroupMember> IArcData.GroupMembers => GroupMemberSet;
    IQueryable<Note> IArcData.Notes => NoteSet;
    IQueryable<NoteTag> IArcData.NoteTags => NoteTagSet;
    IQueryable<AuditEvent> IArcData.AuditEvents => AuditSet;
    IQueryable<Authority> IArcData.Authorities => AuthoritySet;
    IQueryable<VehicleAuthority> IArcData.VehicleAuthorities => VehicleAuthoritySet;
    IQueryable<AuthorityVehicleMeta> IArcData.AuthorityVehicleMeta => AuthorityMetaSet;
    IQueryable<AuthorityMember> IArcData.AuthorityMembers => AuthorityMemberSet;
    IQueryable<VehicleTelemetryPoint> IArcData.TelemetryPoints => TelemetryPointSet;
    IQueryable<ManagedSessionVehicle> IArcData.ManagedSessionVehicles => ManagedVehicleSet;
    IQueryable<ManagedSession> IArcData.ManagedSessions => ManagedSessionSet;
    IQueryable<ProvisioningRun> IArcData.ProvisioningRuns => ProvisioningRunSet;
    IQueryable<ProvisioningStep> IArcData.ProvisioningSteps => ProvisioningStepSet;
    IQueryable<BulkProvisioningJob> IArcData.BulkProvisioningJobs => BulkProvisioningJobSet;
    IQueryable<BulkProvisioningRow> IArcData.BulkProvisioningRows => BulkProvisioningRowSet;
    IQueryable<Domain.Email.EmailTemplate> IArcData.EmailTemplates => EmailTemplateSet;
    IQueryable<Domain.Email.OutboxEmail> IArcData.OutboxEmails => OutboxEmailSet;
    IQueryable<Domain.SideEffects.SideEffect> IArcData.SideEffects => SideEffectSet;
    IQueryable<UserPreference> IArcData.UserPreferences => UserPreferenceSet;
    IQueryable<UserSession> IArcData.UserSessions => Set<UserSession>();
    IQueryable<Domain.Telemetry.TelemetryDefinitionVersion> IArcData.TelemetryDefinitionVersions => DefinitionVersionSet;
    IQueryable<Domain.Telemetry.PointDefinition> IArcData.PointDefinitions => PointDefinitionSet;
    IQueryable<Domain.Telemetry.TelemetryBackfill> IArcData.TelemetryBackfills => BackfillSet;
    IQueryable<Domain.Telemetry.TelemetryExport> IArcData.TelemetryExports => ExportSet;

    void IArcData.Add<T>(T entity) => Set<T>().Add(entity);
    void IArcData.Remove<T>(T entity) => Set<T>().Remove(entity);
    Task<List<T>> IArcData.ListAsync<T>(IQueryable<T> query, CancellationToken ct) => query.ToListAsync(ct);
    Task<int> IArcData.CountAsync<T>(IQueryable<T> query, CancellationToken ct) => query.CountAsync(ct);
    Task<T?> IArcData.FirstOrDefaultAsync<T>(IQueryable<T> query, CancellationToken ct) where T : default => query.FirstOrDefaultAsync(ct);
    Task<bool> IArcData.AnyAsync<T>(IQueryable<T> query, CancellationToken ct) => query.AnyAsync(ct);
    /// <summary>Versions the next save checks and renews (<see cref="IArcData.ExpectVersion{T}"/>).</summary>
    private readonly List<(object Entity, uint? Version, string Thing)> _expectedVersions = [];

    /// <summary>The transaction of this unit of work once it holds a row lock or a version claim; the next save commits it.</summary>
    private IDbContextTransaction? _unitTransaction;

    async Task IArcData.SaveChangesAsync(CancellationToken ct)
    {
        try
        {
            if (_expectedVersions.Count == 0 && _unitTransaction is null)
            {
                await SaveChangesAsync(ct);
                return;
            }
            _unitTransaction ??= await Database.BeginTransactionAsync(ct);
            foreach (var (entity, version, thing) in _expectedVersions)
                await ClaimVersionAsync(entity, version, thing, ct);
            await SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
            await _unitTransaction.CommitAsync(ct);
            ChangeTracker.AcceptAllChanges();
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new ConflictException("Someone else changed this at the same time; reload and try again.", e);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("This already exists: someone else saved the same thing at the same time; reload and try again.", e);
        }
        finally
        {
            _expectedVersions.Clear();
            if (_unitTransaction is not null)
            {
                await _unitTransaction.DisposeAsync();
                _unitTransaction = null;
            }
        }
    }

    async Task IArcData.AssignIdAsync<T>(T entity, CancellationToken ct)
    {
        var type = Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity.");
        var key = type.FindPrimaryKey()!.Properties.Single();
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var next = (await Database.SqlQueryRaw<long>("SELECT nextval(pg_get_serial_sequence({0}, {1})) AS \"Value\"",
            QualifiedTable(table), key.GetColumnName(table)!).ToListAsync(ct)).Single();
        key.PropertyInfo!.SetValue(entity, Convert.ChangeType(next, key.ClrType, CultureInfo.InvariantCulture));
    }

    void IArcData.ExpectVersion<T>(T entity, uint? version, string thing)
    {
        var index = _expectedVersions.FindIndex(e => ReferenceEquals(e.Entity, entity));
        if (index < 0)
            _expectedVersions.Add((entity, version, thing));
        else if (version is not null)
            _expectedVersions[index] = (entity, version, thing);
    }

    async Task<int> IArcData.IncrementAsync<T>(T entity, Expression<Func<T, int>> counter, CancellationToken ct)
    {
        var entry = Entry(entity);
        var property = entry.Property(counter);
        var (table, where, keys) = RowOf(entry);
        var column = Quote(property.Metadata.GetColumnName(table)!);
        _unitTransaction ??= await Database.BeginTransactionAsync(ct);
#pragma warning disable EF1002 // identifiers come from the model, never from input; values are parameters
        var count = (await Database.SqlQueryRaw<int>(
            $"UPDATE {QualifiedTable(table)} SET {column} = {column} + 1 WHERE {where} RETURNING {column} AS \"Value\"", keys).ToListAsync(ct)).Single();
#pragma warning restore EF1002
        property.OriginalValue = count;
        property.CurrentValue = count;
        property.IsModified = false;
        return count;
    }

    /// <summary>
    /// Rewrites one column of the row with its own value, which gives the row a new xmin, only while it still has the
    /// expected one: a single statement that both checks and renews the version, and locks the row until the commit.
    /// </summary>
    private async Task ClaimVersionAsync(object entity, uint? version, string thing, CancellationToken ct)
    {
        var entry = Entry(entity);
        var (table, where, keys) = RowOf(entry);
        var column = Quote(entry.Metadata.GetProperties()
            .First(p => !p.IsKey() && p.ValueGenerated == ValueGenerated.Never && p.ClrType != typeof(byte[]) && p.GetColumnName(table) is not null)
            .GetColumnName(table)!);
        var parameters = keys.ToList();
        if (version is { } expected)
        {
            where += $" AND xmin::text::bigint = {{{parameters.Count}}}";
            parameters.Add((long)expected);
        }
#pragma warning disable EF1002 // identifiers come from the model, never from input; values are parameters
        var renewed = await Database.SqlQueryRaw<long>(
            $"UPDATE {QualifiedTable(table)} SET {column} = {column} WHERE {where} RETURNING xmin::text::bigint AS \"Value\"", parameters.ToArray()).ToListAsync(ct);
#pragma warning restore EF1002
        if (renewed.Count == 0)
            throw ConflictException.ChangedBySomeoneElse(thing);
        var stamp = entry.Property(nameof(IVersioned.Version));
        stamp.OriginalValue = (uint)renewed[0];
        stamp.CurrentValue = (uint)renewed[0];
    }

    /// <summary>The entity's table and a WHERE clause on its key, with the key values as parameters {0}, {1}, ...</summary>
    private static (StoreObjectIdentifier Table, string Where, object[] Keys) RowOf(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        var type = entry.Metadata;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var keys = type.FindPrimaryKey()!.Properties;
        var where = string.Join(" AND ", keys.Select((k, i) => $"{Quote(k.GetColumnName(table)!)} = {{{i}}}"));
        return (table, where, keys.Select(k => entry.Property(k.Name).CurrentValue!).ToArray());
    }

    private static string QualifiedTable(StoreObjectIdentifier table) =>
        table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasPostgresExtension("pg_trgm");
        // Entities configured in their feature folders (IEntityTypeConfiguration); the rest are still below.
        b.ApplyConfigurationsFromAssembly(typeof(ArcDbContext).Assembly);

        b.Entity<VehiclePlatform>(e =>
        {
            e.ToTable("vehicle_platform", "main");
            e.Property(p => p.PlatformName).HasMaxLength(20);
        });
        b.Entity<VehicleModel>(e =>
        {
            e.ToTable("vehicle_model", "main");
            e.Property(m => m.ModelName).HasMaxLength(20);
            e.Property(m => m.LetterCode).HasMaxLength(10);
            e.HasOne<VehiclePlatform>().WithMany().HasForeignKey(m => m.PlatformId);
        });
        b.Entity<ModelRelease>(e =>
        {
            e.ToTable("vehicle_model_release", "main");
            e.HasKey(r => r.ModelReleaseId);
            e.HasOne(r => r.Model).WithMany().HasForeignKey(r => r.ModelId);
        });
        b.Entity<PartType>(e =>
        {
            e.ToTable("vehicle_part_types", "main");
            e.HasKey(p => p.Name);
            e.Property(p => p.Name).HasColumnName("part_type").HasMaxLength(50);
        });
        b.Entity<ModelPart>(e =>
        {
            e.ToTable("vehicle_model_parts", "main");
            e.HasKey(p => new { p.ModelReleaseId, p.PartType });
            e.Property(p => p.PartType).HasMaxLength(50);
            e.Property(p => p.PartNumber).HasMaxLength(50);
            e.HasOne<ModelRelease>().WithMany().HasForeignKey(p => p.ModelReleaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<PartType>().WithMany().HasForeignKey(p => p.PartType);
        });
        b.Entity<Vehicle>(e =>
        {
            e.ToTable("vehicle", "main");
            e.HasKey(v => v.Vin);
            MapVersion(e);
            e.Property(v => v.Vin).HasMaxLength(40);
            e.HasOne(v => v.ModelRelease).WithMany().HasForeignKey(v => v.ModelReleaseId).OnDelete(DeleteBehavior.Cascade);
            // Substring search over 100,000+ VINs stays an index scan with trigrams.
            e.HasIndex(v => v.Vin).HasDatabaseName("ix_vehicle_vin_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
            e.HasIndex(v => v.ModelReleaseId);
            e.HasIndex(v => v.Created);
        });
        b.Entity<VehicleMeta>(e =>
        {
            e.ToTable("vehicle_meta", "main");
            e.HasKey(m => new { m.Vin, m.Section, m.Key });
        });
        b.Entity<VehiclePartInstalled>(e =>
        {
            e.ToTable("vehicle_parts_installed", "main");
            e.HasKey(p => new { p.Vin, p.PartType });
            e.Property(p => p.PartType).HasMaxLength(50);
            e.Property(p => p.PartNumber).HasMaxLength(50);
            e.HasOne<Vehicle>().WithMany().HasForeignKey(p => p.Vin).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<PartType>().WithMany().HasForeignKey(p => p.PartType);
        });
        b.Entity<Fleet>(e =>
        {
            e.ToTable("vehicle_group", "main");
            e.Property(f => f.Name).HasMaxLength(100);
            e.Ignore(f => f.IsProtected);
        });
        b.Entity<FleetVehicle>(e =>
        {
            e.ToTable("vehicle_join_vehicle_group", "main");
            e.HasKey(f => new { f.Vin, f.FleetId });
            e.Property(f => f.FleetId).HasColumnName("group_id");
            e.HasIndex(f => new { f.FleetId, f.Vin });
        });
        b.Entity<FleetUser>(e =>
        {
            e.ToTable("users_join_vehicle_group", "main");
            e.HasKey(f => new { f.Username, f.FleetId });
            e.Property(f => f.Username).HasMaxLength(200);
            e.Property(f => f.FleetId).HasColumnName("vehicle_group");
        });
        b.Entity<User>(e =>
        {
            e.ToTable("user_profile", "users");
            e.HasKey(u => u.Username);
            MapVersion(e);
            e.Property(u => u.Username).HasMaxLength(200);
            e.Property(u => u.Email).HasMaxLength(254);
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.Property(u => u.Phone).HasMaxLength(32);
            e.Property(u => u.SecurityStamp).HasMaxLength(64);
            e.Property(u => u.Status).HasMaxLength(30).HasDefaultValue(DirectoryStatus.Confirmed);
            e.Property(u => u.Mfa).HasMaxLength(20).HasDefaultValue(MfaPreference.Off);
            e.HasIndex(u => u.Email).IsUnique();
            e.Ignore(u => u.Name);
            e.Ignore(u => u.MustEnrolMfa);
            e.Property(u => u.TotpKeyReference).HasMaxLength(300);
            e.Property(u => u.TotpDevice).HasMaxLength(25);
            e.Property(u => u.ResetCodeHash).HasMaxLength(200);
            e.Property(u => u.PendingEmail).HasMaxLength(254);
            e.Property(u => u.PendingEmailCodeHash).HasMaxLength(200);
            e.Property(u => u.ExternalSubject).HasMaxLength(300);
            e.HasIndex(u => u.ExternalSubject).IsUnique();
        });
        b.Entity<PermissionGroup>(e =>
        {
            e.ToTable("user_group", "users");
            MapVersion(e);
            e.Property(g => g.MachineName).HasMaxLength(200);
            e.HasIndex(g => g.MachineName).IsUnique();
            e.Ignore(g => g.IsProtected);
        });
        b.Entity<PermissionEntry>(e =>
        {
            e.ToTable("user_permission", "users");
            e.HasKey(p => new { p.Name, p.Resource });
            e.Property(p => p.Name).HasColumnName("permission").HasMaxLength(200);
            e.Property(p => p.Resource).HasMaxLength(200).HasDefaultValue(PermissionEntry.AnyResource);
        });
        b.Entity<GroupPermission>(e =>
        {
            e.ToTable("user_permission_group_join", "users");
            e.HasKey(p => new { p.Permission, p.Resource, p.GroupId });
            e.Property(p => p.Permission).HasMaxLength(200);
            e.Property(p => p.Resource).HasMaxLength(200).HasDefaultValue(PermissionEntry.AnyResource);
            e.HasOne<PermissionEntry>().WithMany().HasForeignKey(p => new { p.Permission, p.Resource });
            e.HasOne<PermissionGroup>().WithMany().HasForeignKey(p => p.GroupId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<GroupMember>(e =>
        {
            e.ToTable("user_group_join", "users");
            e.HasKey(m => new { m.Username, m.GroupId });
            e.Property(m => m.Username).HasMaxLength(200);
            e.HasOne<PermissionGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.GroupId);
        });
        b.Entity<Note>(e =>
        {
            e.ToTable("notes", "main");
            e.HasKey(n => n.NoteId);
            e.Property(n => n.ObjectType).HasMaxLength(20);
            e.Property(n => n.ObjectId).HasMaxLength(200);
            e.HasIndex(n => new { n.ObjectType, n.ObjectId });
            e.HasMany(n => n.Tags).WithMany(t => t.Notes).UsingEntity(
                "notes_tags_join",
                r => r.HasOne(typeof(NoteTag)).WithMany().HasForeignKey("tag_id"),
                l => l.HasOne(typeof(Note)).WithMany().HasForeignKey("note_id"),
                j => j.ToTable("notes_tags_join", "main"));
        });
        b.Entity<NoteTag>(e =>
        {
            e.ToTable("notes_tags", "main");
            e.HasKey(t => t.TagId);
            e.Property(t => t.TagName).HasMaxLength(50);
            e.HasIndex(t => t.TagName).IsUnique();
        });
        b.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_event", "audit");
            e.Property(a => a.Actor).HasMaxLength(200);
            e.Property(a => a.Action).HasMaxLength(100);
            e.Property(a => a.EntityType).HasMaxLength(50);
            e.Property(a => a.EntityId).HasMaxLength(200);
            e.Property(a => a.CorrelationId).HasMaxLength(100);
            e.HasIndex(a => a.At);
            e.HasIndex(a => a.Actor);
            e.HasIndex(a => new { a.EntityType, a.EntityId });
            e.HasIndex(a => a.Action);
        });
        b.Entity<DataProtectionKey>().ToTable("data_protection_keys", "portal");

        // The Authority Manager's tables keep the old authkey database's names, in a schema of their own.
        b.Entity<Authority>(e =>
        {
            e.ToTable("authority_keys", "authkey");
            MapVersion(e);
            e.Property(a => a.Id).HasColumnName("authority_keys_id");
            e.Property(a => a.ParentId).HasColumnName("parent_authority_id");
            e.Property(a => a.KeyReference).HasColumnName("cmk_id").HasMaxLength(200);
            e.Property(a => a.Description).HasMaxLength(Authority.MaxDescriptionLength);
            e.HasIndex(a => a.ParentId);
            e.Ignore(a => a.IsRoot);
            e.Ignore(a => a.TrustedKey);
        });
        b.Entity<VehicleAuthority>(e =>
        {
            e.ToTable("vehicle_authority", "authkey");
            e.HasKey(v => new { v.AuthorityId, v.Vin });
            e.Property(v => v.Vin).HasMaxLength(40);
            e.HasIndex(v => v.Vin);
            e.HasOne<Authority>().WithMany().HasForeignKey(v => v.AuthorityId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AuthorityVehicleMeta>(e =>
        {
            e.ToTable("vehicle_meta", "authkey");
            e.HasKey(m => new { m.Vin, m.Section, m.Key });
        });
        b.Entity<AuthorityMember>(e =>
        {
            e.ToTable("authority_member", "authkey");
            e.HasKey(m => new { m.AuthorityId, m.Username });
            e.Property(m => m.Username).HasMaxLength(200);
            e.HasOne<Authority>().WithMany().HasForeignKey(m => m.AuthorityId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<VehicleTelemetryPoint>(e =>
        {
            e.ToTable("telemetry_points", "main");
            e.HasKey(p => new { p.Vin, p.Point });
            e.Property(p => p.Point).HasColumnName("prop").HasMaxLength(100);
            e.Property(p => p.Frequency).HasColumnName("freq");
        });
        b.Entity<ManagedSessionVehicle>(e =>
        {
            e.ToTable("managed_sessions_vehicles", "main");
            e.HasKey(m => m.Vin);
        });
        b.Entity<ManagedSession>(e =>
        {
            // One table for the portal's and REEF's sessions (the old system had two of the same shape).
            e.ToTable("managed_sessions", "main");
            // Sealed by the key vault (ManagedPinStore); plain 6-digit PINs of old rows are sealed at start-up.
            e.Property(m => m.Creator).HasMaxLength(200);
            e.Property(m => m.VerificationId).HasMaxLength(50);
            e.HasIndex(m => new { m.Vin, m.Completion });
        });
        b.Entity<ProvisioningRun>(e =>
        {
            e.ToTable("provisioning_run", "main");
            e.Property(r => r.Vin).HasMaxLength(40);
            e.Property(r => r.Kind).HasMaxLength(40);
            e.Property(r => r.Status).HasMaxLength(30);
            e.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => new { r.Vin, r.Started });
            // One active run per VIN: two staff, two tabs, or a page and a bulk job cannot interleave on a vehicle.
            e.HasIndex(r => r.Vin).IsUnique().HasFilter("status IN ('running', 'compensating')").HasDatabaseName("ix_provisioning_run_active_vin");
            e.HasIndex(r => r.LeaseUntil).HasFilter("lease_until IS NOT NULL");
            e.Property(r => r.LeaseUntil).IsConcurrencyToken();
        });
        b.Entity<ProvisioningStep>(e =>
        {
            e.ToTable("provisioning_step", "main");
            e.HasKey(s => new { s.RunId, s.Index });
            e.Property(s => s.Name).HasMaxLength(60);
            e.Property(s => s.Status).HasMaxLength(30);
            e.Property(s => s.State).HasColumnType("jsonb");
        });
        b.Entity<Domain.Telemetry.TelemetryDefinitionVersion>(e =>
        {
            e.ToTable("definition_version", "telemetry");
            e.Property(v => v.Name).HasMaxLength(60);
            e.HasIndex(v => v.Name).IsUnique();
            e.Property(v => v.Description).HasMaxLength(200);
        });
        b.Entity<Domain.Telemetry.PointDefinition>(e =>
        {
            e.ToTable("point_definition", "telemetry");
            e.HasKey(p => new { p.VersionId, p.Name });
            e.Property(p => p.Name).HasMaxLength(64);
            e.Property(p => p.Group).HasMaxLength(100);
            e.Property(p => p.Type).HasMaxLength(10);
            e.Property(p => p.Report).HasMaxLength(10);
            e.Property(p => p.Unit).HasMaxLength(10);
            e.Property(p => p.ByteList).HasColumnType("jsonb");
            e.HasOne<Domain.Telemetry.TelemetryDefinitionVersion>().WithMany(v => v.Points).HasForeignKey(p => p.VersionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Domain.Telemetry.TelemetryBackfill>(e =>
        {
            e.ToTable("backfill", "telemetry");
            e.Property(x => x.Vin).HasMaxLength(40);
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Status).HasMaxLength(20);
            e.HasIndex(x => x.Vin);
        });
        b.Entity<Domain.Telemetry.TelemetryExport>(e =>
        {
            e.ToTable("export", "telemetry");
            e.Property(x => x.Vin).HasMaxLength(40);
            e.Property(x => x.Points).HasMaxLength(1400);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Status).HasMaxLength(20);
            e.HasIndex(x => new { x.Vin, x.Actor });
        });
        b.Entity<UserPreference>(e =>
        {
            e.ToTable("user_preference", "users");
            e.HasKey(p => new { p.Username, p.Key });
            e.Property(p => p.Username).HasMaxLength(200);
            e.Property(p => p.Key).HasMaxLength(60);
            e.Property(p => p.Value).HasMaxLength(200);
        });
        b.Entity<Domain.Email.EmailTemplate>(e =>
        {
            e.ToTable("email_template", "mail");
            e.HasKey(t => t.Name);
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Subject).HasMaxLength(500);
        });
        b.Entity<Domain.Email.OutboxEmail>(e =>
        {
            e.ToTable("outbox_email", "mail");
            e.Property(m => m.To).HasMaxLength(254);
            e.Property(m => m.Template).HasMaxLength(100);
            e.Property(m => m.Data).HasColumnType("jsonb");
            e.Property(m => m.Status).HasMaxLength(20);
            e.Property(m => m.Provider).HasMaxLength(20);
            e.Property(m => m.MessageId).HasMaxLength(200);
            e.Property(m => m.Version).IsRowVersion();
            e.HasIndex(m => new { m.Status, m.NextAttempt });
        });
        b.Entity<BulkProvisioningJob>(e =>
        {
            e.ToTable("bulk_provisioning_job", "main");
            // A job is confirmed (and started) once: the second of two confirmations finds the status changed.
            e.Property(j => j.Status).IsConcurrencyToken();
            e.Property(j => j.FileName).HasMaxLength(200);
            e.Property(j => j.Actor).HasMaxLength(200);
            e.Property(j => j.Status).HasMaxLength(30);
            e.HasMany(j => j.Rows).WithOne().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<BulkProvisioningRow>(e =>
        {
            e.ToTable("bulk_provisioning_row", "main");
            // A pending row is taken by one worker: the second finds the status changed.
            e.Property(r => r.Status).IsConcurrencyToken();
            e.HasKey(r => new { r.JobId, r.Line });
            e.Property(r => r.Text).HasMaxLength(100);
            e.Property(r => r.Vin).HasMaxLength(40);
            e.Property(r => r.Status).HasMaxLength(30);
            e.Property(r => r.IdentityKeyReference).HasMaxLength(300);
            e.HasIndex(r => new { r.JobId, r.Status });
        });
        b.Entity<Provisioning.StoredThing>(e =>
        {
            e.ToTable("iot_thing", "registry");
            e.HasKey(t => t.ThingName);
            e.Property(t => t.Attributes).HasColumnType("jsonb");
        });
        b.Entity<Provisioning.StoredCertificate>(e =>
        {
            e.ToTable("iot_certificate", "registry");
            e.HasKey(c => c.CertificateId);
            e.HasIndex(c => c.ThingName);
        });
        b.Entity<Provisioning.StoredCertificateAuthority>(e =>
        {
            e.ToTable("local_ca", "registry");
            e.Property(c => c.Id).ValueGeneratedNever();
        });
        b.Entity<Shadows.StoredShadow>(e =>
        {
            e.ToTable("device_shadow", "main");
            e.HasKey(s => s.ThingName);
            e.Property(s => s.ThingName).HasMaxLength(128);
            e.Property(s => s.Document).HasColumnType("jsonb");
            e.Property(s => s.Version).IsConcurrencyToken();
            e.HasIndex(s => s.HasDelta);
        });
    }

    /// <summary>
    /// Maps <see cref="IVersioned.Version"/> to PostgreSQL's xmin system column (no column of its own). It is read with the
    /// row and checked only where a use case asks (<see cref="IArcData.ExpectVersion{T}"/>), not as an EF concurrency token:
    /// writers that act on the current state (sign-in counters, provisioning) must never fail because someone else wrote
    /// the row meanwhile.
    /// </summary>
    private static void MapVersion<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> e) where T : class, IVersioned =>
        e.Property(x => x.Version).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate();
}

public sealed class ArcDataFactory(IDbContextFactory<ArcDbContext> contexts) : IArcDataFactory
{
    public IArcData Open() => contexts.CreateDbContext();
}
