using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Notes;
using Arc.Domain.Recalls;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Notes on the five kinds of thing, on PostgreSQL: adding with its audit event, the filters, paging, and what is refused.</summary>
public sealed class NotesTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<int> NewFleetAsync()
    {
        await using var db = portal.CreateDb();
        var fleet = new Fleet { Name = FleetTestData.NewFleetName("Notes") };
        db.FleetSet.Add(fleet);
        await db.SaveChangesAsync();
        return fleet.Id;
    }

    private async Task<string> NewRecallAsync()
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var id = await scope.ServiceProvider.GetRequiredService<CreateRecall>().HandleAsync(RecallTestData.Draft("Notes recall"));
        return id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_note_with_tags_is_added_to_each_kind_of_thing_listed_there_and_audited_with_it()
    {
        var admin = await portal.AdminUsernameAsync();
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        var subjects = new[]
        {
            (NoteObjectTypes.Vehicle, vin),
            (NoteObjectTypes.Authority, Authority.RootId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (NoteObjectTypes.User, await portal.CreateUserAsync($"noted-{Guid.NewGuid():N}@arc.test")),
            (NoteObjectTypes.Fleet, (await NewFleetAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (NoteObjectTypes.Recall, await NewRecallAsync()),
        };
        foreach (var (kind, id) in subjects)
        {
            await using var scope = await portal.AsUserAsync(admin);
            var text = $"Checked the {kind} {Guid.NewGuid():N}";
            var added = await scope.ServiceProvider.GetRequiredService<AddNote>()
                .HandleAsync(new AddNoteCommand(kind, id, text, ["#Service", " QUALITY ", "service"]));
            Assert.Equal(["quality", "service"], added.Tags);
            Assert.True(added.CanDelete);

            var page = await scope.ServiceProvider.GetRequiredService<ListNotes>().HandleAsync(new NoteQuery(kind, id));
            var listed = Assert.Single(page.Notes.Items, n => n.NoteId == added.NoteId);
            Assert.Equal(text, listed.Content);
            Assert.False(listed.System);
            Assert.Contains("service", page.Tags);

            await using var db = portal.CreateDb();
            var audit = await db.AuditSet.SingleAsync(a => a.Action == AuditActions.NoteCreated && a.EntityType == kind && a.EntityId == id
                && a.Summary.Contains(text));
            Assert.Equal(admin, audit.Actor);
        }
    }

    [Fact]
    public async Task The_notes_filter_by_tag_author_origin_period_and_text_and_come_in_pages_newest_first()
    {
        var fleet = await NewFleetAsync();
        var id = fleet.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var admin = await portal.AdminUsernameAsync();
        var other = await portal.CreateUserAsync($"note-author-{Guid.NewGuid():N}@arc.test");
        await using (var db = portal.CreateDb())
        {
            var brakes = await db.NoteTagSet.FirstOrDefaultAsync(t => t.TagName == "brakes") ?? new NoteTag { TagName = "brakes" };
            var day = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < 5; i++)
            {
                db.NoteSet.Add(new Note
                {
                    ObjectType = NoteObjectTypes.Fleet, ObjectId = id, Author = i % 2 == 0 ? admin : other, Created = day.AddDays(i),
                    Content = i == 3 ? "Replaced the BRAKE pads" : $"Routine check {i}", Tags = i < 2 ? [brakes] : [],
                });
            }
            db.NoteSet.Add(new Note { ObjectType = NoteObjectTypes.Fleet, ObjectId = id, Author = admin, Created = day.AddDays(10), Content = "Vehicle added", System = true });
            await db.SaveChangesAsync();
        }
        await using var scope = await portal.AsUserAsync(admin);
        var list = scope.ServiceProvider.GetRequiredService<ListNotes>();
        Task<NotePage> Query(NoteQuery q) => list.HandleAsync(q);

        var all = await Query(new NoteQuery(NoteObjectTypes.Fleet, id));
        Assert.Equal(6, all.Notes.TotalCount);
        Assert.Equal(all.Notes.Items.OrderByDescending(n => n.Created).Select(n => n.NoteId), all.Notes.Items.Select(n => n.NoteId));
        Assert.Equal(["brakes"], all.Tags);
        Assert.Equal(2, all.Authors.Count);

        Assert.Equal(2, (await Query(new NoteQuery(NoteObjectTypes.Fleet, id, Tag: " #BRAKES"))).Notes.TotalCount);
        // A tag matches whole, never as a part: "brake" and "rakes" find none of the "brakes" notes.
        Assert.Equal(0, (await Query(new NoteQuery(NoteObjectTypes.Fleet, id, Tag: "brake"))).Notes.TotalCount);
        Assert.Equal(0, (await Query(new NoteQuery(NoteObjectTypes.Fleet, id, Tag: "rakes"))).Notes.TotalCount);
        Assert.Equal(2, (await Query(new NoteQuery(NoteObjectTypes.Fleet, id, Author: other))).Notes.TotalCount);
        var system = await Query(new NoteQuery(NoteObjectTypes.Fleet, id, System: true));
        var only = Assert.Single(system.Notes.Items);
        Assert.True(only.System);
        Assert.False(only.CanDelete);
        Assert.Equal(5, (await Query(new NoteQuery(NoteObjectTypes.Fleet, id, System: false))).Notes.TotalCount);
        // 2 to 4 March, both days whole: the notes of day 1, 2 and 3.
        Assert.Equal(3, (await Query(new NoteQuery(NoteObjectTypes.Fleet, id, From: new DateOnly(2026, 3, 2), To: new DateOnly(2026, 3, 4)))).Notes.TotalCount);
        var found = await Query(new NoteQuery(NoteObjectTypes.Fleet, id, Search: "brake PADS"));
        Assert.Equal("Replaced the BRAKE pads", Assert.Single(found.Notes.Items).Content);
        Assert.Equal(0, (await Query(new NoteQuery(NoteObjectTypes.Fleet, id, Search: "%"))).Notes.TotalCount);

        var first = await Query(new NoteQuery(NoteObjectTypes.Fleet, id, PageIndex: 0, PageSize: 4));
        var second = await Query(new NoteQuery(NoteObjectTypes.Fleet, id, PageIndex: 1, PageSize: 4));
        Assert.Equal(4, first.Notes.Items.Count);
        Assert.Equal(2, second.Notes.Items.Count);
        Assert.Equal(6, second.Notes.TotalCount);
        Assert.Empty(first.Notes.Items.Select(n => n.NoteId).Intersect(second.Notes.Items.Select(n => n.NoteId)));
    }

    [Theory]
    [InlineData("Fleet", "abc", "subject")]
    [InlineData("Fleet", "-1", "subject")]
    [InlineData("Planet", "1", "subject")]
    [InlineData("Fleet", "1", "from")]
    [InlineData("Fleet", "1", "search")]
    [InlineData("Fleet", "1", "pageSize")]
    public async Task Malformed_queries_are_refused_with_the_field_named(string kind, string id, string field)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var query = field switch
        {
            "from" => new NoteQuery(kind, id, From: new DateOnly(2026, 5, 2), To: new DateOnly(2026, 5, 1)),
            "search" => new NoteQuery(kind, id, Search: new string('x', NoteRules.MaxSearchLength + 1)),
            "pageSize" => new NoteQuery(kind, id, PageSize: Paging.MaxPageSize + 1),
            _ => new NoteQuery(kind, id),
        };
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => scope.ServiceProvider.GetRequiredService<ListNotes>().HandleAsync(query));
        Assert.True(error.Errors.ContainsKey(field), string.Join(", ", error.Errors.Keys));
    }

    [Fact]
    public async Task Hostile_notes_are_refused_and_change_nothing_while_markup_is_kept_as_plain_text()
    {
        var id = (await NewFleetAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var add = scope.ServiceProvider.GetRequiredService<AddNote>();
        var refused = new (string? Content, string[]? Tags)[]
        {
            ("Bell \u0007 rings", null), ("Admin\u202Egpj.exe", null), ("zero\u200Bwidth", null), (new string('x', Note.MaxContentLength + 1), null),
            ("ok", [new string('t', NoteRules.MaxTagLength + 1)]), ("ok", ["two words"]), ("ok", ["<script>"]),
            ("ok", Enumerable.Range(0, Note.MaxTags + 1).Select(i => $"t{i}").ToArray()), (null, null),
        };
        foreach (var (content, tags) in refused)
            await Assert.ThrowsAsync<ValidationFailedException>(() => add.HandleAsync(new AddNoteCommand(NoteObjectTypes.Fleet, id, content, tags)));
        var list = scope.ServiceProvider.GetRequiredService<ListNotes>();
        Assert.Equal(0, (await list.HandleAsync(new NoteQuery(NoteObjectTypes.Fleet, id))).Notes.TotalCount);

        const string markup = "<script>alert('x')</script>\r\nSecond line\tindented";
        await add.HandleAsync(new AddNoteCommand(NoteObjectTypes.Fleet, id, markup));
        var note = Assert.Single((await list.HandleAsync(new NoteQuery(NoteObjectTypes.Fleet, id))).Notes.Items);
        Assert.Equal("<script>alert('x')</script>\nSecond line\tindented", note.Content);
    }

    [Fact]
    public async Task The_notes_the_system_writes_on_fleet_changes_are_marked_and_nobody_deletes_them()
    {
        var admin = await portal.AdminUsernameAsync();
        var fleet = await NewFleetAsync();
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        await using var scope = await portal.AsUserAsync(admin);
        await scope.ServiceProvider.GetRequiredService<AddVehicleToFleet>().HandleAsync(fleet, vin);
        var page = await scope.ServiceProvider.GetRequiredService<ListNotes>().HandleAsync(new NoteQuery(NoteObjectTypes.Vehicle, vin, Tag: "fleets"));
        var note = Assert.Single(page.Notes.Items);
        Assert.True(note.System);
        Assert.False(note.CanDelete);
        var denied = await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<DeleteNote>().HandleAsync(note.NoteId));
        Assert.Contains("System notes", denied.Message, StringComparison.Ordinal);
        await using var db = portal.CreateDb();
        Assert.True(await db.NoteSet.AnyAsync(n => n.NoteId == note.NoteId));
    }
}
