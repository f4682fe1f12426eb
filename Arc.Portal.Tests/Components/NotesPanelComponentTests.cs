using Arc.Domain.Fleets;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;
using Arc.Portal.Components.Notes;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>The one notes panel of every page: adding, filtering, deleting after a confirmation, and what it shows when refused.</summary>
public sealed class NotesPanelComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task<string> FleetWithNotesAsync(params (string Author, string Content, string? Tag, bool System)[] notes)
    {
        await using var db = portal.CreateDb();
        var fleet = new Fleet { Name = FleetTestData.NewFleetName("Panel") };
        db.FleetSet.Add(fleet);
        await db.SaveChangesAsync();
        var id = fleet.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var at = DateTimeOffset.UtcNow.AddHours(-notes.Length);
        foreach (var (author, content, tag, system) in notes)
        {
            var tags = tag is null ? new List<NoteTag>() : [await db.NoteTagSet.FirstOrDefaultAsync(t => t.TagName == tag) ?? new NoteTag { TagName = tag }];
            db.NoteSet.Add(new Note { ObjectType = NoteObjectTypes.Fleet, ObjectId = id, Author = author, Content = content, System = system, Created = at = at.AddMinutes(1), Tags = tags });
            await db.SaveChangesAsync();
        }
        return id;
    }

    [Fact]
    public async Task A_note_is_added_with_normalised_tags_and_markup_shows_as_text()
    {
        var fleet = await FleetWithNotesAsync();
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetRead);
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<NotesPanel>(p => p.Add(c => c.Kind, NoteObjectTypes.Fleet).Add(c => c.SubjectId, fleet));
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-notes]"), Wait);

        cut.Find("textarea").Input("<b>Tyres</b> rotated");
        cut.Find("input[id$=-tags]").Change("Service, #TYRES");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=note]")), Wait);
        Assert.Equal("<b>Tyres</b> rotated", cut.Find("[data-testid=note-content]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=note-content] b"));
        Assert.Equal(["service", "tyres"], cut.FindAll("[data-testid=note-tag]").Select(t => t.TextContent.Trim()));
        Assert.NotNull(cut.Find("[data-testid=delete-note]"));
    }

    [Fact]
    public async Task A_refused_note_shows_the_reason_on_its_field_and_adds_nothing()
    {
        var fleet = await FleetWithNotesAsync();
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetRead);
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<NotesPanel>(p => p.Add(c => c.Kind, NoteObjectTypes.Fleet).Add(c => c.SubjectId, fleet));
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-notes]"), Wait);
        cut.Find("textarea").Input("Fine text");
        cut.Find("input[id$=-tags]").Change("two words");
        await cut.Find("form").SubmitAsync();
        cut.WaitForAssertion(() => Assert.Contains("Tags are short words", cut.Markup, StringComparison.Ordinal), Wait);
        Assert.NotNull(cut.Find("[data-testid=no-notes]"));
    }

    [Fact]
    public async Task Filtering_by_tag_shows_only_the_tagged_notes_and_system_notes_read_apart_without_a_delete_button()
    {
        var admin = await portal.AdminUsernameAsync();
        var fleet = await FleetWithNotesAsync((admin, "Brakes bled", "brakes", false), (admin, "Washed", null, false), (admin, "Vehicle added to fleet", "fleets", true));
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetRead);
        var cut = ctx.RenderWithProviders<NotesPanel>(p => p.Add(c => c.Kind, NoteObjectTypes.Fleet).Add(c => c.SubjectId, fleet));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=note]").Count), Wait);

        var system = cut.FindAll("[data-testid=note]").Single(n => n.TextContent.Contains("Vehicle added", StringComparison.Ordinal));
        Assert.Contains("arc-note-system", system.ClassName, StringComparison.Ordinal);
        Assert.NotNull(system.QuerySelector("[data-testid=note-system]"));
        Assert.Null(system.QuerySelector("[data-testid=delete-note]"));
        Assert.Equal(2, cut.FindAll("[data-testid=delete-note]").Count);

        var tagFilter = cut.FindComponents<MudSelect<string>>()[0];
        await cut.InvokeAsync(() => tagFilter.Instance.ValueChanged.InvokeAsync("brakes"));
        cut.WaitForAssertion(() => Assert.Equal("Brakes bled", Assert.Single(cut.FindAll("[data-testid=note-content]")).TextContent), Wait);
        await cut.InvokeAsync(() => tagFilter.Instance.ValueChanged.InvokeAsync("fleets"));
        cut.WaitForAssertion(() => Assert.Equal("Vehicle added to fleet", Assert.Single(cut.FindAll("[data-testid=note-content]")).TextContent), Wait);
    }

    [Fact]
    public async Task Deleting_asks_first_cancelling_keeps_the_note_and_confirming_removes_it()
    {
        var admin = await portal.AdminUsernameAsync();
        var fleet = await FleetWithNotesAsync((admin, "Remove me later", null, false));
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.FleetRead);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<NotesPanel>(p => p.Add(c => c.Kind, NoteObjectTypes.Fleet).Add(c => c.SubjectId, fleet));
        cut.WaitForAssertion(() => cut.Find("[data-testid=delete-note]"), Wait);

        cut.Find("[data-testid=delete-note]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete this note?", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.Contains("Remove me later", dialogs.Markup, StringComparison.Ordinal);
        AlarmComponentTests.Button(dialogs, "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Delete this note?", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.Single(cut.FindAll("[data-testid=note]"));

        cut.Find("[data-testid=delete-note]").Click();
        dialogs.WaitForAssertion(() => AlarmComponentTests.Button(dialogs, "Delete"), Wait);
        AlarmComponentTests.Button(dialogs, "Delete").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-notes]"), Wait);
        await using var db = portal.CreateDb();
        Assert.False(await db.NoteSet.AnyAsync(n => n.ObjectType == NoteObjectTypes.Fleet && n.ObjectId == fleet));
    }

    [Fact]
    public async Task Someone_elses_note_has_no_delete_button_without_the_permission_and_one_with_it()
    {
        var other = await portal.CreateUserAsync($"panel-author-{Guid.NewGuid():N}@arc.test");
        var fleet = await FleetWithNotesAsync((other, "Not yours", null, false));
        await using (var reader = await ComponentHost.CreateAsync(portal, Perm.FleetRead))
        {
            var cut = reader.RenderWithProviders<NotesPanel>(p => p.Add(c => c.Kind, NoteObjectTypes.Fleet).Add(c => c.SubjectId, fleet));
            cut.WaitForAssertion(() => cut.Find("[data-testid=note]"), Wait);
            Assert.Empty(cut.FindAll("[data-testid=delete-note]"));
        }
        await using var moderator = await ComponentHost.CreateAsync(portal, Perm.FleetRead, Perm.NoteDelete);
        var withPermission = moderator.RenderWithProviders<NotesPanel>(p => p.Add(c => c.Kind, NoteObjectTypes.Fleet).Add(c => c.SubjectId, fleet));
        withPermission.WaitForAssertion(() => withPermission.Find("[data-testid=delete-note]"), Wait);
    }

    [Fact]
    public async Task Without_sight_of_the_thing_the_panel_says_so_and_offers_no_form()
    {
        var fleet = await FleetWithNotesAsync((await portal.AdminUsernameAsync(), "Secret", null, false));
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        var cut = ctx.RenderWithProviders<NotesPanel>(p => p.Add(c => c.Kind, NoteObjectTypes.Fleet).Add(c => c.SubjectId, fleet));
        cut.WaitForAssertion(() => Assert.Contains(Perm.FleetRead, cut.Find("[data-testid=notes-denied]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(cut.FindAll("form"));
        Assert.DoesNotContain("Secret", cut.Markup, StringComparison.Ordinal);
    }
}
