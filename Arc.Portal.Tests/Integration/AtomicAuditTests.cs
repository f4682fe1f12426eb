using System.Globalization;
using System.Text;
using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Permissions;
using Arc.Domain.Provisioning;
using Arc.Domain.Telemetry;
using Arc.Infrastructure.Persistence;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// A change that creates something is saved with its audit event in one transaction: the event names the new id, and a
/// transaction refused at commit leaves neither the thing nor its event.
/// </summary>
public sealed class AtomicAuditTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly string Vin = "DEV-" + DemoData.MakeVin('T', 'M', 54);

    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    /// <summary>Runs the change while PostgreSQL refuses to commit its audit event, and checks that nothing of it stayed.</summary>
    private async Task RefusedCommitLeavesNothingAsync<T>(string action, Func<IServiceProvider, Task<T>> change, Func<ArcDbContext, Task<int>> count)
    {
        await using var db = portal.CreateDb();
        var before = (await count(db), await db.AuditSet.CountAsync(a => a.Action == action));
        await using (await FailingCommit.OnInsertAsync(portal, "audit.audit_event", $"NEW.action = '{action}'"))
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => AsAdminAsync(change));
            Assert.Contains(Chain(error), e => e.Message.Contains("commit refused by the test", StringComparison.Ordinal));
        }
        Assert.Equal(before, (await count(db), await db.AuditSet.CountAsync(a => a.Action == action)));
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            yield return e;
    }

    private static string Line(DateTimeOffset at, double soc) =>
        $"{{\"timestamp\":\"{at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}\",\"bms_pack_soc\":{soc.ToString(CultureInfo.InvariantCulture)}}}";

    private static byte[] BackfillFile() =>
        Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(1, 30).Select(i => Line(DateTimeOffset.UtcNow.AddDays(-2).AddMinutes(i), 40 + i))) + "\n");

    [Fact]
    public async Task A_new_authority_and_its_audit_event_commit_together()
    {
        var description = $"Atomic {Guid.NewGuid():N}"[..20];
        var id = await AsAdminAsync(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync(description));
        await using (var db = portal.CreateDb())
            Assert.Equal(AuditActions.AuthorityCreated, (await db.AuditSet.SingleAsync(a => a.EntityType == AuditEntityTypes.Authority && a.EntityId == id.ToString())).Action);

        var refused = $"Refused {Guid.NewGuid():N}"[..20];
        await RefusedCommitLeavesNothingAsync(AuditActions.AuthorityCreated, sp => sp.GetRequiredService<CreateAuthority>().HandleAsync(refused),
            db => db.AuthoritySet.CountAsync(a => a.Description == refused));
    }

    [Fact]
    public async Task A_new_permission_group_and_its_audit_event_commit_together()
    {
        var name = $"Atomic {Guid.NewGuid():N}"[..20];
        var id = await AsAdminAsync(sp => sp.GetRequiredService<CreatePermissionGroup>().HandleAsync(name));
        await using (var db = portal.CreateDb())
            Assert.Equal(AuditActions.GroupCreated, (await db.AuditSet.SingleAsync(a => a.EntityType == AuditEntityTypes.PermissionGroup && a.EntityId == id.ToString())).Action);

        var refused = $"Refused {Guid.NewGuid():N}"[..20];
        await RefusedCommitLeavesNothingAsync(AuditActions.GroupCreated, sp => sp.GetRequiredService<CreatePermissionGroup>().HandleAsync(refused),
            db => db.GroupSet.CountAsync(g => g.Name == refused));
    }

    [Fact]
    public async Task A_bulk_provisioning_plan_and_its_audit_event_commit_together()
    {
        const string csv = "vin,model_release_id\n7F7ATR310PER77777,3\n";
        var job = await AsAdminAsync(sp => sp.GetRequiredService<PlanBulkProvisioning>().HandleAsync("atomic.csv", csv));
        await using (var db = portal.CreateDb())
            Assert.Equal(AuditActions.BulkProvisioningPlanned, (await db.AuditSet.SingleAsync(a => a.EntityType == "bulk_provisioning" && a.EntityId == job.Id.ToString())).Action);

        await RefusedCommitLeavesNothingAsync(AuditActions.BulkProvisioningPlanned,
            sp => sp.GetRequiredService<PlanBulkProvisioning>().HandleAsync("refused.csv", csv),
            db => db.BulkProvisioningJobSet.CountAsync(j => j.FileName == "refused.csv"));
    }

    [Fact]
    public async Task A_telemetry_export_request_and_its_audit_event_commit_together()
    {
        var now = DateTimeOffset.UtcNow;
        var export = await AsAdminAsync(sp => sp.GetRequiredService<RequestTelemetryExport>().HandleAsync(Vin, ["speed"], now.AddHours(-2), now));
        await using (var db = portal.CreateDb())
        {
            var recorded = await db.AuditSet.Where(a => a.Action == AuditActions.TelemetryExportRequested && a.EntityId == Vin).Select(a => a.Summary).ToListAsync();
            Assert.Contains(recorded, s => s.Contains($"\"export\":{export.Id},", StringComparison.Ordinal));
        }

        await RefusedCommitLeavesNothingAsync(AuditActions.TelemetryExportRequested,
            sp => sp.GetRequiredService<RequestTelemetryExport>().HandleAsync(Vin, ["odometer"], now.AddHours(-3), now),
            db => db.ExportSet.CountAsync(e => e.Vin == Vin && e.Points == "odometer"));
    }

    [Fact]
    public async Task A_telemetry_backfill_and_its_audit_event_commit_together()
    {
        var started = await AsAdminAsync(sp => sp.GetRequiredService<StartTelemetryBackfill>().HandleAsync(Vin, "atomic.ndjson", BackfillFile()));
        await using (var db = portal.CreateDb())
        {
            var recorded = await db.AuditSet.Where(a => a.Action == AuditActions.TelemetryBackfillStarted && a.EntityId == Vin).Select(a => a.Summary).ToListAsync();
            Assert.Contains(recorded, s => s.Contains($"\"backfill\":{started.Id},", StringComparison.Ordinal));
        }

        await RefusedCommitLeavesNothingAsync(AuditActions.TelemetryBackfillStarted,
            sp => sp.GetRequiredService<StartTelemetryBackfill>().HandleAsync(Vin, "refused.ndjson", BackfillFile()),
            db => db.BackfillSet.CountAsync(b => b.FileName == "refused.ndjson"));
    }
}
