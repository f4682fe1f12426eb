using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// The resource rules of notes, beside the permission matrix: a thing's notes are for whoever may see the thing, and a
/// person's note is deleted by its author or by a holder of notes.note.delete; a system note by nobody.
/// </summary>
public sealed class NoteAccessTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<string> UserWithAsync(params string[] permissions)
    {
        var username = await portal.CreateUserAsync($"notes-{Guid.NewGuid():N}@arc.test");
        if (permissions.Length > 0)
            await portal.AddToGroupAsync(username, await portal.CreateGroupAsync($"Notes {Guid.NewGuid():N}", permissions));
        return username;
    }

    private async Task<string> NewFleetAsync()
    {
        await using var db = portal.CreateDb();
        var fleet = new Fleet { Name = FleetTestData.NewFleetName("Note rules") };
        db.FleetSet.Add(fleet);
        await db.SaveChangesAsync();
        return fleet.Id.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<NoteView> AddAsync(string username, string kind, string id, string text = "A remark")
    {
        await using var scope = await portal.AsUserAsync(username);
        return await scope.ServiceProvider.GetRequiredService<AddNote>().HandleAsync(new AddNoteCommand(kind, id, text));
    }

    private async Task DeleteAsync(string username, int noteId)
    {
        await using var scope = await portal.AsUserAsync(username);
        await scope.ServiceProvider.GetRequiredService<DeleteNote>().HandleAsync(noteId);
    }

    private async Task<bool> ExistsAsync(int noteId)
    {
        await using var db = portal.CreateDb();
        return await db.NoteSet.AnyAsync(n => n.NoteId == noteId);
    }

    [Fact]
    public async Task Each_kind_of_thing_shows_and_takes_notes_exactly_for_those_who_may_see_it()
    {
        var vin = (await FleetTestData.AddVehiclesAsync(portal, 1))[0];
        var fleet = await NewFleetAsync();
        string recall;
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            recall = (await scope.ServiceProvider.GetRequiredService<CreateRecall>().HandleAsync(RecallTestData.Draft("Note rules"))).ToString(CultureInfo.InvariantCulture);
        var someone = await UserWithAsync();
        var root = Authority.RootId.ToString(CultureInfo.InvariantCulture);
        var cases = new (string Kind, string Id, string Permission)[]
        {
            (NoteObjectTypes.Vehicle, vin, Perm.VehicleRead), (NoteObjectTypes.Authority, root, Perm.AuthorityRead),
            (NoteObjectTypes.User, someone, Perm.UserRead), (NoteObjectTypes.Fleet, fleet, Perm.FleetRead), (NoteObjectTypes.Recall, recall, Perm.RecallRead),
        };
        foreach (var (kind, id, permission) in cases)
        {
            var allowed = await UserWithAsync(permission);
            await portal.AddAuthorityMemberAsync(allowed, Authority.RootId);
            var refused = await UserWithAsync(Perm.NoteDelete);
            await portal.AddAuthorityMemberAsync(refused, Authority.RootId);

            var note = await AddAsync(allowed, kind, id);
            await using var scope = await portal.AsUserAsync(allowed);
            Assert.Contains(note.NoteId, (await scope.ServiceProvider.GetRequiredService<ListNotes>().HandleAsync(new NoteQuery(kind, id))).Notes.Items.Select(n => n.NoteId));

            await using var denied = await portal.AsUserAsync(refused);
            await Assert.ThrowsAsync<PermissionDeniedException>(() => denied.ServiceProvider.GetRequiredService<ListNotes>().HandleAsync(new NoteQuery(kind, id)));
            await Assert.ThrowsAsync<PermissionDeniedException>(() => AddAsync(refused, kind, id));
            // Holding notes.note.delete is not enough without sight of the thing.
            await Assert.ThrowsAsync<PermissionDeniedException>(() => DeleteAsync(refused, note.NoteId));
            Assert.True(await ExistsAsync(note.NoteId), kind);
        }
    }

    [Fact]
    public async Task A_user_sees_and_writes_the_notes_about_themselves_and_an_authority_outside_ones_scope_is_refused()
    {
        var self = await UserWithAsync();
        var note = await AddAsync(self, NoteObjectTypes.User, self, "About me");
        Assert.Equal(self, note.Author);

        var reader = await UserWithAsync(Perm.AuthorityRead); // a member of no authority
        await Assert.ThrowsAsync<PermissionDeniedException>(() => AddAsync(reader, NoteObjectTypes.Authority, Authority.RootId.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_author_deletes_their_note_another_reader_may_not_and_the_delete_permission_may_with_audit_events()
    {
        var fleet = await NewFleetAsync();
        var author = await UserWithAsync(Perm.FleetRead);
        var reader = await UserWithAsync(Perm.FleetRead);
        var moderator = await UserWithAsync(Perm.FleetRead, Perm.NoteDelete);

        var own = await AddAsync(author, NoteObjectTypes.Fleet, fleet, "Mine to remove");
        var other = await AddAsync(author, NoteObjectTypes.Fleet, fleet, "Removed by a moderator");
        await using (var scope = await portal.AsUserAsync(reader))
        {
            var seen = (await scope.ServiceProvider.GetRequiredService<ListNotes>().HandleAsync(new NoteQuery(NoteObjectTypes.Fleet, fleet))).Notes.Items;
            Assert.All(seen, n => Assert.False(n.CanDelete));
        }
        var refusal = await Assert.ThrowsAsync<PermissionDeniedException>(() => DeleteAsync(reader, own.NoteId));
        Assert.Contains("author", refusal.Message, StringComparison.Ordinal);
        Assert.True(await ExistsAsync(own.NoteId));

        await DeleteAsync(author, own.NoteId);
        await DeleteAsync(moderator, other.NoteId);
        Assert.False(await ExistsAsync(own.NoteId));
        Assert.False(await ExistsAsync(other.NoteId));
        await Assert.ThrowsAsync<NotFoundException>(() => DeleteAsync(author, own.NoteId));

        await using var db = portal.CreateDb();
        var deletions = await db.AuditSet.Where(a => a.Action == AuditActions.NoteDeleted && a.EntityType == NoteObjectTypes.Fleet && a.EntityId == fleet)
            .OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([author, moderator], deletions.Select(a => a.Actor));
        Assert.Contains("Removed by a moderator", deletions[1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_system_note_is_refused_even_to_a_holder_of_the_delete_permission()
    {
        var fleet = await NewFleetAsync();
        var moderator = await UserWithAsync(Perm.FleetRead, Perm.NoteDelete);
        int id;
        await using (var db = portal.CreateDb())
        {
            var note = new Note { ObjectType = NoteObjectTypes.Fleet, ObjectId = fleet, Author = moderator, Content = "Fleet renamed", Created = DateTimeOffset.UtcNow, System = true };
            db.NoteSet.Add(note);
            await db.SaveChangesAsync();
            id = note.NoteId;
        }
        var refusal = await Assert.ThrowsAsync<PermissionDeniedException>(() => DeleteAsync(moderator, id));
        Assert.Contains("System notes", refusal.Message, StringComparison.Ordinal);
        Assert.True(await ExistsAsync(id));
    }
}
