using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.Fleets;
using Arc.Domain.Models;
using Arc.Domain.Permissions;
using Arc.Domain.Telemetry;
using Arc.Domain.Users;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Seeding;

public sealed class FirstAdministratorOptions
{
    public const string Section = "Portal:Admin";

    [Required, EmailAddress]
    public string Email { get; set; } = "admin@arc.local";
    [Required]
    public string DisplayName { get; set; } = "Administrator";

    /// <summary>A fixed first password (e.g. from ARC_ADMIN_PASSWORD); when empty a one-time password is generated.</summary>
    public string? Password { get; set; }

    /// <summary>Where a generated one-time password is written outside Development (default .data/ under the content root).</summary>
    public string? PasswordFile { get; set; }
}

/// <summary>
/// Brings the database to the current schema and writes what must always be there: the permission catalogue,
/// the seeded groups (only into an empty group table), the reference data and the first administrator; then seals the
/// secrets an older version stored plain.
/// </summary>
public sealed partial class DatabaseInitializer(
    IDbContextFactory<ArcDbContext> contexts,
    IPasswordHashing hashing,
    PasswordPolicy policy,
    FirstAdministratorNotice notice,
    IKeyVault vault,
    Authorities.SecretResealer resealer,
    IOptions<FirstAdministratorOptions> admin,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await MigrateAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await SeedPermissionsAsync(db, ct);
        await SeedReferenceDataAsync(db, ct);
        await SeedAuthoritiesAsync(db, ct);
        await SeedEmailTemplatesAsync(db, ct);
        await SeedTelemetryDefinitionsAsync(db, ct);
        await EnsureFirstAdministratorAsync(db, ct);
        // PINs and email secrets written before they were sealed are sealed now (a no-op once done).
        await resealer.SealPlainValuesAsync(ct);
    }

    /// <summary>Brings the database to the current schema, and nothing else.</summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // EF reads the migrations history before it creates the table, and logs that first read on a new database as
        // a failed command; making the table first (EF's own script, "if not exists") keeps the log free of that false alarm.
        if (await db.Database.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct))
            await db.Database.ExecuteSqlRawAsync(db.Database.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
        await db.Database.MigrateAsync(ct);
    }

    private static async Task SeedPermissionsAsync(ArcDbContext db, CancellationToken ct)
    {
        var known = await db.Set<PermissionEntry>().ToDictionaryAsync(p => p.Name, ct);
        var groupsExist = await db.Set<PermissionGroup>().AnyAsync(ct);
        var added = new List<string>();
        foreach (var permission in PermissionCatalogue.All)
        {
            if (known.TryGetValue(permission.Name, out var row))
            {
                row.Description = permission.Description;
                continue;
            }
            db.Set<PermissionEntry>().Add(new PermissionEntry { Name = permission.Name, Description = permission.Description });
            added.Add(permission.Name);
        }
        await db.SaveChangesAsync(ct);

        if (!groupsExist)
        {
            foreach (var group in SeedGroups.All)
            {
                db.Set<PermissionGroup>().Add(new PermissionGroup { Id = group.Id, Name = group.Name, MachineName = group.MachineName });
                db.Set<GroupPermission>().AddRange(group.Permissions.Select(p => new GroupPermission { Permission = p, GroupId = group.Id }));
            }
            await db.SaveChangesAsync(ct);
            await ResetSequenceAsync(db, "users.user_group", ct);
        }
        else
        {
            // A permission that a new version of the portal adds joins the seeded groups that list it (the Administrator
            // group holds every one), when the group is still there under its machine name.
            var present = await db.Set<PermissionGroup>().ToDictionaryAsync(g => g.Id, g => g.MachineName, ct);
            foreach (var group in SeedGroups.All.Where(g => present.GetValueOrDefault(g.Id) == g.MachineName))
                foreach (var name in added.Where(group.Permissions.Contains))
                    db.Set<GroupPermission>().Add(new GroupPermission { Permission = name, GroupId = group.Id });
            await db.SaveChangesAsync(ct);
        }
    }

    private static async Task SeedReferenceDataAsync(ArcDbContext db, CancellationToken ct)
    {
        if (!await db.Set<VehiclePlatform>().AnyAsync(ct))
        {
            db.Set<VehiclePlatform>().Add(ReferenceData.Platform);
            await db.SaveChangesAsync(ct);
            await ResetSequenceAsync(db, "main.vehicle_platform", ct);
        }
        if (!await db.Set<VehicleModel>().AnyAsync(ct))
        {
            db.Set<VehicleModel>().AddRange(ReferenceData.Models.Select(m => new VehicleModel
            {
                Id = m.Id, ModelName = m.ModelName, LetterCode = m.LetterCode, PlatformId = m.PlatformId, Description = m.Description, Created = m.Created,
            }));
            await db.SaveChangesAsync(ct);
            await ResetSequenceAsync(db, "main.vehicle_model", ct);
        }
        var partTypes = await db.Set<PartType>().Select(p => p.Name).ToListAsync(ct);
        db.Set<PartType>().AddRange(ReferenceData.PartTypes.Except(partTypes).Select(n => new PartType { Name = n, Current = !ReferenceData.RetiredPartTypes.Contains(n) }));
        await db.SaveChangesAsync(ct);
        if (!await db.Set<ModelRelease>().AnyAsync(ct))
        {
            foreach (var (release, parts) in ReferenceData.Releases)
            {
                db.Set<ModelRelease>().Add(new ModelRelease
                {
                    ModelReleaseId = release.ModelReleaseId, Description = release.Description, ModelId = release.ModelId, Created = release.Created,
                });
                db.Set<ModelPart>().AddRange(parts.Select(p => new ModelPart
                {
                    ModelReleaseId = release.ModelReleaseId, PartType = p.Key, PartNumber = p.Value, Created = release.Created,
                }));
            }
            await db.SaveChangesAsync(ct);
            await ResetSequenceAsync(db, "main.vehicle_model_release", ct, "model_release_id");
        }
        await SeedPartAndFirmwareCataloguesAsync(db, ct);
        if (!await db.Set<Fleet>().AnyAsync(f => f.Id == ReferenceData.MakerFleet.Id, ct))
        {
            db.Set<Fleet>().Add(new Fleet { Id = ReferenceData.MakerFleet.Id, Name = ReferenceData.MakerFleet.Name });
            await db.SaveChangesAsync(ct);
            await ResetSequenceAsync(db, "main.vehicle_group", ct);
        }
    }

    /// <summary>
    /// The part numbers the releases use (the old system had no part catalogue: its numbers lived only in the bills) and
    /// which part types host which firmware component (spec/backend.md §1.5), each written once into an empty table.
    /// </summary>
    private static async Task SeedPartAndFirmwareCataloguesAsync(ArcDbContext db, CancellationToken ct)
    {
        if (!await db.Set<CataloguePart>().AnyAsync(ct))
        {
            var used = await db.Set<ModelPart>().Select(p => new { p.PartType, p.PartNumber }).Distinct().ToListAsync(ct);
            db.Set<CataloguePart>().AddRange(used.Select(p => new CataloguePart { PartType = p.PartType, PartNumber = p.PartNumber, Created = ReferenceData.Epoch }));
            await db.SaveChangesAsync(ct);
        }
        if (!await db.Set<Arc.Domain.Firmware.FirmwareComponent>().AnyAsync(ct))
        {
            var types = await db.Set<PartType>().Select(t => t.Name).ToListAsync(ct);
            db.Set<Arc.Domain.Firmware.FirmwareComponent>().AddRange(Arc.Domain.Firmware.FirmwareCatalogue.DefaultHosts.Where(h => types.Contains(h.PartType))
                .Select(h => new Arc.Domain.Firmware.FirmwareComponent { PartType = h.PartType, Component = h.Component, Created = ReferenceData.Epoch }));
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// The seeded authorities of spec/backend.md §2.1 (root 1 and two children), each with a real key pair: the old
    /// system seeded them with empty keys that had to be re-keyed by hand before first use.
    /// </summary>
    /// <summary>The telemetry definition versions shipped with the portal, each added once (with its points) when missing.</summary>
    private async Task SeedTelemetryDefinitionsAsync(ArcDbContext db, CancellationToken ct)
    {
        var present = await db.Set<TelemetryDefinitionVersion>().Select(v => v.Name).ToListAsync(ct);
        foreach (var (version, points) in TelemetryCatalogue.Versions().Where(v => !present.Contains(v.Version.Name)))
        {
            version.Created = time.GetUtcNow();
            version.Points.AddRange(points);
            db.Set<TelemetryDefinitionVersion>().Add(version);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Adds the default email templates that are missing; templates already there (perhaps edited) stay.</summary>
    private async Task SeedEmailTemplatesAsync(ArcDbContext db, CancellationToken ct)
    {
        var present = await db.Set<EmailTemplate>().Select(t => t.Name).ToListAsync(ct);
        foreach (var template in EmailTemplates.Defaults.Where(t => !present.Contains(t.Name)))
        {
            db.Set<EmailTemplate>().Add(new EmailTemplate
            {
                Name = template.Name, Subject = template.Subject, Text = template.Text, Html = template.Html, Updated = time.GetUtcNow(),
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedAuthoritiesAsync(ArcDbContext db, CancellationToken ct)
    {
        if (await db.Set<Authority>().AnyAsync(ct))
            return;
        foreach (var (id, parent, description) in new[] { (1, 0, "Arcimoto, Inc."), (2, 1, "Q&RA"), (3, 1, "Engineering") })
        {
            var (pem, point) = AuthorityKeyPair.Generate();
            var sealedKey = await vault.SealAsync(pem, SealContext.AuthorityKey(point), ct: ct);
            Array.Clear(pem);
            db.Set<Authority>().Add(new Authority
            {
                Id = id, ParentId = parent, Description = description, PublicKey = point,
                KeyReference = sealedKey.KeyReference, EncryptedPrivateKey = sealedKey.Ciphertext,
            });
        }
        await db.SaveChangesAsync(ct);
        await ResetSequenceAsync(db, "authkey.authority_keys", ct, "authority_keys_id");
    }

    private async Task EnsureFirstAdministratorAsync(ArcDbContext db, CancellationToken ct)
    {
        if (await db.Set<User>().AnyAsync(ct))
            return;
        var settings = admin.Value;
        var email = settings.Email.Trim().ToLowerInvariant();
        var fixedPassword = !string.IsNullOrEmpty(settings.Password);
        if (fixedPassword && policy.Check(settings.Password, email) is { } problem)
            throw new InvalidOperationException($"The configured first administrator password is not acceptable: {problem}");
        var password = fixedPassword ? settings.Password! : GenerateOneTimePassword();

        var user = new User
        {
            Username = Guid.NewGuid().ToString(),
            Email = email,
            DisplayName = settings.DisplayName,
            PasswordHash = hashing.Hash(password),
            MustChangePassword = !fixedPassword,
            Created = time.GetUtcNow(),
        };
        db.Set<User>().Add(user);
        db.Set<GroupMember>().Add(new GroupMember { Username = user.Username, GroupId = PermissionGroup.AdministratorGroupId });
        // The first administrator acts for the root authority, and so for every authority (decision 6).
        db.Set<AuthorityMember>().Add(new AuthorityMember { AuthorityId = Authority.RootId, Username = user.Username });
        db.Set<AuditEvent>().Add(new AuditEvent
        {
            At = time.GetUtcNow(), Actor = AuditTrail.SystemActor, Action = AuditActions.UserCreated, EntityType = AuditEntityTypes.User,
            EntityId = user.Username, Summary = $"{{\"email\":\"{email}\",\"firstAdministrator\":true}}", CorrelationId = "startup",
        });
        await db.SaveChangesAsync(ct);
        LogAdministratorCreated(logger, email);

        if (!fixedPassword)
            notice.Publish(email, password);
    }

    /// <summary>20 characters from an unambiguous alphabet (about 115 bits); it is replaced at the first sign-in.</summary>
    private static string GenerateOneTimePassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return new string(Enumerable.Range(0, 20).Select(_ => letters[RandomNumberGenerator.GetInt32(letters.Length)]).ToArray());
    }

    /// <summary>Moves an identity sequence past rows seeded with explicit ids. Table and column are constants of this class.</summary>
    private static Task ResetSequenceAsync(ArcDbContext db, string table, CancellationToken ct, string column = "id")
    {
#pragma warning disable EF1002 // identifiers cannot be parameters; both come from the literals above, never from input
        return db.Database.ExecuteSqlRawAsync(
            $"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), (SELECT COALESCE(MAX({column}), 1) FROM {table}))", ct);
#pragma warning restore EF1002
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first administrator {Email}")]
    private static partial void LogAdministratorCreated(ILogger logger, string email);
}
