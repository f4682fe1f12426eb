using Arc.Domain.Audit;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Arc.Portal.Tests.Integration;

/// <summary>The database itself keeps the audit log append-only, for the portal's own connection as for anyone else's.</summary>
public sealed class AuditLogAppendOnlyTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private const string InsufficientPrivilege = "42501";

    private async Task<AuditEvent> NewEventAsync()
    {
        await using var db = portal.CreateDb();
        var entry = new AuditEvent
        {
            At = DateTimeOffset.UtcNow, Actor = "system", Action = "test.append_only", EntityType = "Test",
            EntityId = Guid.NewGuid().ToString("N"), Summary = "{\"kept\":true}", CorrelationId = "append-only-test",
        };
        db.AuditSet.Add(entry);
        await db.SaveChangesAsync();
        return entry;
    }

    private async Task<AuditEvent?> ReadAsync(long id)
    {
        await using var db = portal.CreateDb();
        return await db.AuditSet.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id);
    }

    [Fact]
    public async Task An_update_of_an_audit_event_is_refused_and_the_event_is_unchanged()
    {
        var entry = await NewEventAsync();

        await using (var db = portal.CreateDb())
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() =>
                db.AuditSet.Where(a => a.Id == entry.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Summary, "{\"kept\":false}")));
            Assert.Equal(InsufficientPrivilege, error.SqlState);
            Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        }
        await using (var db = portal.CreateDb())
        {
            // Through the change tracker as the portal's own code would do it.
            var tracked = await db.AuditSet.SingleAsync(a => a.Id == entry.Id);
            tracked.Actor = "someone-else";
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(InsufficientPrivilege, Assert.IsType<PostgresException>(error.InnerException).SqlState);
        }

        var stored = await ReadAsync(entry.Id);
        Assert.NotNull(stored);
        Assert.Equal(("system", "{\"kept\":true}"), (stored.Actor, stored.Summary));
    }

    [Fact]
    public async Task A_delete_of_an_audit_event_is_refused_and_the_event_stays()
    {
        var entry = await NewEventAsync();

        await using (var db = portal.CreateDb())
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => db.AuditSet.Where(a => a.Id == entry.Id).ExecuteDeleteAsync());
            Assert.Equal(InsufficientPrivilege, error.SqlState);
        }
        await using (var db = portal.CreateDb())
        {
            db.AuditSet.Remove(await db.AuditSet.SingleAsync(a => a.Id == entry.Id));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.NotNull(await ReadAsync(entry.Id));
    }

    [Fact]
    public async Task Truncating_the_audit_log_is_refused_and_every_event_stays()
    {
        var entry = await NewEventAsync();
        await using var db = portal.CreateDb();
        var before = await db.AuditSet.CountAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit.audit_event"));

        Assert.Equal(InsufficientPrivilege, error.SqlState);
        Assert.Equal(before, await db.AuditSet.CountAsync());
        Assert.NotNull(await ReadAsync(entry.Id));
    }

    [Fact]
    public async Task New_events_are_still_written()
    {
        var entry = await NewEventAsync();
        Assert.Equal("append-only-test", (await ReadAsync(entry.Id))!.CorrelationId);
    }
}
