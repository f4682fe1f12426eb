using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Notes;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

public sealed class AuditAndNotesTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly string Vin = "DEV-" + DemoData.MakeVin('D', 'L', 75);

    [Fact]
    public async Task Adding_a_note_writes_the_note_and_its_audit_event_together()
    {
        var admin = await portal.AdminUsernameAsync();
        await using var scope = await portal.AsUserAsync(admin);
        var correlation = scope.ServiceProvider.GetRequiredService<ICorrelation>().Id;
        var note = await scope.ServiceProvider.GetRequiredService<AddVehicleNote>()
            .HandleAsync(new AddVehicleNoteCommand(Vin, "  Brake pads checked.  ", ["Service", "service", "brakes"]));

        await using var db = portal.CreateDb();
        var saved = await db.NoteSet.Include(n => n.Tags).SingleAsync(n => n.NoteId == note.NoteId);
        Assert.Equal("Brake pads checked.", saved.Content);
        Assert.Equal(admin, saved.Author);
        Assert.Equal(["brakes", "service"], saved.Tags.Select(t => t.TagName).Order());
        var audit = await db.AuditSet.SingleAsync(a => a.Action == AuditActions.NoteCreated && a.EntityId == Vin && a.CorrelationId == correlation);
        Assert.Equal(admin, audit.Actor);
        Assert.Equal(AuditEntityTypes.Vehicle, audit.EntityType);
        Assert.Contains("Brake pads checked.", audit.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", null, "content")]
    [InlineData("   ", null, "content")]
    [InlineData("ok", "has space", "tags")]
    [InlineData("ok", "<b>", "tags")]
    public async Task Bad_notes_are_refused_and_nothing_is_written(string content, string? tag, string field)
    {
        var before = await CountsAsync();
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => scope.ServiceProvider.GetRequiredService<AddVehicleNote>()
            .HandleAsync(new AddVehicleNoteCommand(Vin, content, tag is null ? null : [tag])));
        Assert.True(error.Errors.ContainsKey(field));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Oversized_notes_and_notes_on_unknown_or_malformed_vins_change_nothing()
    {
        var before = await CountsAsync();
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var add = scope.ServiceProvider.GetRequiredService<AddVehicleNote>();
        await Assert.ThrowsAsync<ValidationFailedException>(() => add.HandleAsync(new AddVehicleNoteCommand(Vin, new string('x', Note.MaxContentLength + 1))));
        await Assert.ThrowsAsync<NotFoundException>(() => add.HandleAsync(new AddVehicleNoteCommand("DEV-" + DemoData.MakeVin('T', 'L', 99998), "hi")));
        await Assert.ThrowsAsync<ValidationFailedException>(() => add.HandleAsync(new AddVehicleNoteCommand("'; DELETE FROM main.notes; --", "hi")));
        await Assert.ThrowsAsync<ValidationFailedException>(() => add.HandleAsync(new AddVehicleNoteCommand(Vin, "hi", Enumerable.Range(0, 11).Select(i => $"t{i}").ToList())));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task The_audit_log_filters_by_actor_action_entity_and_period()
    {
        var admin = await portal.AdminUsernameAsync();
        await using (var scope = await portal.AsUserAsync(admin))
            await scope.ServiceProvider.GetRequiredService<AddVehicleNote>().HandleAsync(new AddVehicleNoteCommand(Vin, "For the audit filter."));

        await using var reader = await portal.AsUserAsync(admin);
        var list = reader.ServiceProvider.GetRequiredService<ListAuditEvents>();
        var byEmail = await list.HandleAsync(new AuditQuery(Actor: "admin@arc"));
        Assert.NotEmpty(byEmail.Items);
        Assert.All(byEmail.Items, e => Assert.Equal(admin, e.Actor));

        var notes = await list.HandleAsync(new AuditQuery(Action: "note.", EntityType: "Vehicle", EntityId: Vin));
        Assert.All(notes.Items, e => Assert.Equal(AuditActions.NoteCreated, e.Action));
        Assert.NotEmpty(notes.Items);
        Assert.Equal(notes.Items.OrderByDescending(e => e.Id).Select(e => e.Id), notes.Items.Select(e => e.Id));

        var future = await list.HandleAsync(new AuditQuery(From: DateTimeOffset.UtcNow.AddDays(1)));
        Assert.Equal(0, future.TotalCount);
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            list.HandleAsync(new AuditQuery(From: DateTimeOffset.UtcNow, To: DateTimeOffset.UtcNow.AddDays(-1))));
        await Assert.ThrowsAsync<ValidationFailedException>(() => list.HandleAsync(new AuditQuery(Actor: new string('a', 201))));
        var hostile = await list.HandleAsync(new AuditQuery(EntityId: "' OR '1'='1"));
        Assert.Equal(0, hostile.TotalCount);
    }

    [Fact]
    public async Task A_note_with_quotes_and_brackets_is_recorded_unescaped_and_found_by_its_vin_with_or_without_the_prefix()
    {
        var vin = "DEV-" + DemoData.MakeVin('D', 'L', 159);
        var admin = await portal.AdminUsernameAsync();
        await using var scope = await portal.AsUserAsync(admin);
        var note = await scope.ServiceProvider.GetRequiredService<AddVehicleNote>()
            .HandleAsync(new AddVehicleNoteCommand(vin, "Said \"stop\" <now> & café", ["brakes"]));

        var list = scope.ServiceProvider.GetRequiredService<ListAuditEvents>();
        var withPrefix = await list.HandleAsync(new AuditQuery(EntityId: vin));
        var withoutPrefix = await list.HandleAsync(new AuditQuery(EntityId: vin["DEV-".Length..].ToLowerInvariant()));
        var typed = await list.HandleAsync(new AuditQuery(EntityType: AuditEntityTypes.Vehicle, EntityId: " " + vin["DEV-".Length..] + " "));

        var recorded = Assert.Single(withPrefix.Items, e => e.Action == AuditActions.NoteCreated);
        Assert.Equal(withPrefix.Items.Select(e => e.Id), withoutPrefix.Items.Select(e => e.Id));
        Assert.Equal(withPrefix.Items.Select(e => e.Id), typed.Items.Select(e => e.Id));
        Assert.Equal($$"""{"note":{{note.NoteId}},"tags":["brakes"],"length":24,"preview":"Said \"stop\" <now> & café"}""", recorded.Summary);
        Assert.Equal(0, (await list.HandleAsync(new AuditQuery(EntityId: DemoData.MakeVin('D', 'L', 83)))).TotalCount);
    }

    private async Task<(int Notes, int Audit, int Tags)> CountsAsync()
    {
        await using var db = portal.CreateDb();
        return (await db.NoteSet.CountAsync(), await db.AuditSet.CountAsync(), await db.NoteTagSet.CountAsync());
    }
}
