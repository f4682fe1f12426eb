using System.Net;
using System.Text;
using Arc.Domain.Common;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;
using Arc.Domain.Tsbs;
using Arc.Portal.Security;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Service bulletins on the real database and the local file store: written, refused with a reason, audited, noted.</summary>
public sealed class TsbTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly string[] Everything = [Perm.TsbCreate, Perm.TsbEdit, Perm.TsbDelete, Perm.TsbRead, Perm.TsbVehicleRead];

    private async Task<AsyncServiceScope> AsUserWithAsync(params string[] permissions)
    {
        var username = await portal.CreateUserAsync($"tsbs-{Guid.NewGuid():N}@arc.test");
        await portal.AddToGroupAsync(username, await portal.CreateGroupAsync($"tsbs {Guid.NewGuid():N}", permissions));
        return await portal.AsUserAsync(username);
    }

    private async Task<(int Tsbs, int Files, int Audit, int Notes)> CountsAsync()
    {
        await using var db = portal.CreateDb();
        return (await db.Set<Tsb>().CountAsync(), await db.Set<TsbAttachment>().CountAsync(), await db.AuditSet.CountAsync(), await db.NoteSet.CountAsync());
    }

    private string StoredPath(string key) => Path.Combine(portal.Mailbox.Directory, "files", key.Replace('/', Path.DirectorySeparatorChar));

    [Fact]
    public async Task A_bulletin_is_created_edited_searched_and_deleted_with_each_step_audited_and_noted()
    {
        var (first, second) = await TsbTestData.ModelsAsync(portal);
        await using var scope = await AsUserWithAsync(Everything);
        var sp = scope.ServiceProvider;
        var id = await sp.GetRequiredService<CreateTsb>().HandleAsync(TsbTestData.Draft(first.Model) with { Number = " tsb " + Guid.NewGuid().ToString("N")[..8] });
        var read = (await sp.GetRequiredService<GetTsb>().HandleAsync(id)).View.Tsb;
        Assert.StartsWith("TSB-", read.Number, StringComparison.Ordinal);
        Assert.Equal([first.Model], read.ModelIds);
        Assert.Equal([2019, 2020, 2021], read.ModelYears);
        Assert.Equal("MC-10176823", read.NhtsaReference);

        var edited = TsbDraft.Of(read) with { ModelIds = [first.Model, second.Model], ModelYears = "2019-2020, 2023", Title = "Battery drain when parked" };
        await sp.GetRequiredService<EditTsb>().HandleAsync(id, edited, read.Version);
        var after = (await sp.GetRequiredService<GetTsb>().HandleAsync(id)).View;
        Assert.Equal([2019, 2020, 2023], after.Tsb.ModelYears);
        Assert.Equal(2, after.ModelNames.Count);
        await Assert.ThrowsAsync<ValidationFailedException>(() => sp.GetRequiredService<EditTsb>().HandleAsync(id, TsbDraft.Of(after.Tsb), after.Tsb.Version));

        var list = sp.GetRequiredService<ListTsbs>();
        Assert.Contains(await list.HandleAsync(new TsbQuery(read.Number.ToLowerInvariant())), v => v.Tsb.Id == id);
        Assert.Contains(await list.HandleAsync(new TsbQuery("TELEMATICS UNIT")), v => v.Tsb.Id == id);
        Assert.Contains(await list.HandleAsync(new TsbQuery(ModelId: second.Model, ModelYear: 2023)), v => v.Tsb.Id == id);
        Assert.DoesNotContain(await list.HandleAsync(new TsbQuery(ModelYear: 2021)), v => v.Tsb.Id == id);
        Assert.DoesNotContain(await list.HandleAsync(new TsbQuery("no such words anywhere")), v => v.Tsb.Id == id);

        await sp.GetRequiredService<DeleteTsb>().HandleAsync(id);
        Assert.DoesNotContain(await list.HandleAsync(new TsbQuery()), v => v.Tsb.Id == id);
        Assert.Contains(await list.HandleAsync(new TsbQuery(IncludeDeleted: true)), v => v.Tsb.Id == id && v.Tsb.Status == TsbStatus.Deleted);
        Assert.Equal(TsbStatus.Deleted, (await sp.GetRequiredService<GetTsb>().HandleAsync(id)).View.Tsb.Status);
        await Assert.ThrowsAsync<NotFoundException>(() => sp.GetRequiredService<DeleteTsb>().HandleAsync(id));
        await Assert.ThrowsAsync<NotFoundException>(() => sp.GetRequiredService<EditTsb>().HandleAsync(id, edited with { Title = "Again" }));

        // A deleted bulletin's number may be used again.
        var again = await sp.GetRequiredService<CreateTsb>().HandleAsync(TsbTestData.Draft(first.Model, number: read.Number));
        Assert.NotEqual(id, again);

        await using var db = portal.CreateDb();
        var actions = await db.AuditSet.Where(e => e.EntityType == TsbAuditActions.Entity && e.EntityId == id.ToString()).Select(e => e.Action).ToListAsync();
        Assert.Equal(new[] { TsbAuditActions.Created, TsbAuditActions.Edited, TsbAuditActions.Deleted }.Order(), actions.Order());
        var notes = await db.NoteSet.Where(n => n.ObjectType == NoteObjectTypes.Tsb && n.ObjectId == id.ToString()).OrderBy(n => n.NoteId).ToListAsync();
        Assert.Equal(3, notes.Count);
        Assert.All(notes, n => Assert.True(n.System));
        Assert.Contains("models, model years", notes[1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_its_field_and_changes_nothing()
    {
        var (first, _) = await TsbTestData.ModelsAsync(portal);
        await using var scope = await AsUserWithAsync(Everything);
        var sp = scope.ServiceProvider;
        var create = sp.GetRequiredService<CreateTsb>();
        var number = TsbTestData.NewNumber();
        await create.HandleAsync(TsbTestData.Draft(first.Model, number: number));
        var before = await CountsAsync();

        async Task<string> RefusedAsync(TsbDraft draft) =>
            Assert.Single((await Assert.ThrowsAsync<ValidationFailedException>(() => create.HandleAsync(draft))).Errors).Key;
        Assert.Equal(TsbNumber.Field, await RefusedAsync(TsbTestData.Draft(first.Model, number: number.ToLowerInvariant())));
        Assert.Equal("modelIds", await RefusedAsync(TsbTestData.Draft(987_654)));
        Assert.Equal("recallId", await RefusedAsync(TsbTestData.Draft(first.Model) with { RecallId = 987_654 }));
        Assert.Equal("title", await RefusedAsync(TsbTestData.Draft(first.Model) with { Title = "Zero\u200Bwidth" }));
        Assert.Equal("summary", await RefusedAsync(TsbTestData.Draft(first.Model) with { Summary = new string('s', Tsb.MaxSummaryLength + 1) }));
        Assert.Equal(TsbModelYears.Field, await RefusedAsync(TsbTestData.Draft(first.Model, "1950-2020")));
        await Assert.ThrowsAsync<ValidationFailedException>(() => sp.GetRequiredService<ListTsbs>().HandleAsync(new TsbQuery(new string('s', 101))));
        await Assert.ThrowsAsync<ValidationFailedException>(() => sp.GetRequiredService<ListTsbs>().HandleAsync(new TsbQuery(ModelYear: 1900)));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => sp.GetRequiredService<EditTsb>().HandleAsync(987_654, TsbTestData.Draft(first.Model)));
        Assert.Equal("Bulletin '987654' does not exist.", missing.Message);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_pdf_is_attached_downloaded_and_removed_through_the_local_file_store_and_anything_else_is_refused()
    {
        var (first, _) = await TsbTestData.ModelsAsync(portal);
        await using var scope = await AsUserWithAsync(Everything);
        var sp = scope.ServiceProvider;
        var id = await sp.GetRequiredService<CreateTsb>().HandleAsync(TsbTestData.Draft(first.Model));
        var add = sp.GetRequiredService<AddTsbAttachment>();
        var pdf = TsbTestData.Pdf("attached " + Guid.NewGuid());
        var fileId = await add.HandleAsync(id, "../Bulletin \"7\".pdf", pdf);

        var detail = await sp.GetRequiredService<GetTsb>().HandleAsync(id);
        var file = Assert.Single(detail.Attachments);
        Assert.Equal((fileId, "Bulletin _7_.pdf", (long)pdf.Length), (file.Id, file.FileName, file.Size));
        await using (var db = portal.CreateDb())
        {
            var row = await db.Set<TsbAttachment>().SingleAsync(a => a.Id == fileId);
            Assert.Equal(pdf, await File.ReadAllBytesAsync(StoredPath(row.FileKey)));
        }
        var downloaded = await sp.GetRequiredService<DownloadTsbAttachment>().HandleAsync(id, fileId);
        Assert.Equal("Bulletin _7_.pdf", downloaded.FileName);
        Assert.Equal(pdf, downloaded.Content);

        var before = await CountsAsync();
        var zip = await Assert.ThrowsAsync<ValidationFailedException>(() => add.HandleAsync(id, "bulletin.pdf", Encoding.ASCII.GetBytes("PK\u0003\u0004 not a pdf")));
        Assert.Equal("bulletin.pdf is not a PDF file; attach bulletins as PDF.", zip.Message);
        var big = new byte[TsbPdf.MaxBytes + 1];
        "%PDF-"u8.CopyTo(big);
        Assert.Contains("larger than 20 MB", (await Assert.ThrowsAsync<ValidationFailedException>(() => add.HandleAsync(id, "big.pdf", big))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(() => add.HandleAsync(987_654, "x.pdf", pdf));
        Assert.Equal(before, await CountsAsync());

        await sp.GetRequiredService<DeleteTsbAttachment>().HandleAsync(id, fileId);
        Assert.Empty((await sp.GetRequiredService<GetTsb>().HandleAsync(id)).Attachments);
        await Assert.ThrowsAsync<NotFoundException>(() => sp.GetRequiredService<DownloadTsbAttachment>().HandleAsync(id, fileId));
        await Assert.ThrowsAsync<NotFoundException>(() => sp.GetRequiredService<DeleteTsbAttachment>().HandleAsync(id, fileId));
        await using var check = portal.CreateDb();
        var actions = await check.AuditSet.Where(e => e.EntityType == TsbAuditActions.Entity && e.EntityId == id.ToString()).Select(e => e.Action).ToListAsync();
        Assert.Equal(new[] { TsbAuditActions.AttachmentAdded, TsbAuditActions.AttachmentDownloaded, TsbAuditActions.AttachmentDeleted }.Order(),
            actions.Where(a => a.StartsWith("tsb_attachment.", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task A_vehicle_lists_the_bulletins_of_its_model_and_model_year_and_no_others()
    {
        var (first, second) = await TsbTestData.ModelsAsync(portal);
        var match = await TsbTestData.AddVehicleAsync(portal, first.Release, 2020);
        var otherYear = await TsbTestData.AddVehicleAsync(portal, first.Release, 2024);
        var otherModel = await TsbTestData.AddVehicleAsync(portal, second.Release, 2020);
        var applies = await TsbTestData.CreateAsync(portal, TsbTestData.Draft(first.Model, "2019-2021"));
        var deleted = await TsbTestData.CreateAsync(portal, TsbTestData.Draft(first.Model, "2020"));
        await using (var admin = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await admin.ServiceProvider.GetRequiredService<DeleteTsb>().HandleAsync(deleted);

        await using var scope = await AsUserWithAsync(Perm.TsbVehicleRead);
        var list = scope.ServiceProvider.GetRequiredService<ListVehicleTsbs>();
        var listed = await list.HandleAsync(match);
        Assert.Contains(listed, t => t.Id == applies);
        Assert.DoesNotContain(listed, t => t.Id == deleted);
        Assert.DoesNotContain(await list.HandleAsync(otherYear), t => t.Id == applies);
        Assert.DoesNotContain(await list.HandleAsync(otherModel), t => t.Id == applies);
        await Assert.ThrowsAsync<ValidationFailedException>(() => list.HandleAsync("NOT-A-VIN'; --"));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<GetTsb>().HandleAsync(applies));
    }

    [Fact]
    public async Task When_two_people_edit_at_once_the_second_save_is_refused_and_a_reader_cannot_change()
    {
        var (first, _) = await TsbTestData.ModelsAsync(portal);
        var id = await TsbTestData.CreateAsync(portal, TsbTestData.Draft(first.Model));
        await using (var scope = await AsUserWithAsync(Everything))
        {
            var sp = scope.ServiceProvider;
            var page = (await sp.GetRequiredService<GetTsb>().HandleAsync(id)).View.Tsb;
            await sp.GetRequiredService<EditTsb>().HandleAsync(id, TsbDraft.Of(page) with { Title = "First editor" }, page.Version);
            await Assert.ThrowsAsync<ConflictException>(() => sp.GetRequiredService<EditTsb>().HandleAsync(id, TsbDraft.Of(page) with { Title = "Second editor" }, page.Version));
            Assert.Equal("First editor", (await sp.GetRequiredService<GetTsb>().HandleAsync(id)).View.Tsb.Title);
        }
        await using var reader = await AsUserWithAsync(Perm.TsbRead);
        var rsp = reader.ServiceProvider;
        Assert.Equal(id, (await rsp.GetRequiredService<GetTsb>().HandleAsync(id)).View.Tsb.Id);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => rsp.GetRequiredService<DeleteTsb>().HandleAsync(id));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => rsp.GetRequiredService<AddTsbAttachment>().HandleAsync(id, "a.pdf", TsbTestData.Pdf()));
    }

    [Fact]
    public async Task A_bulletin_takes_at_most_twenty_files()
    {
        var (first, _) = await TsbTestData.ModelsAsync(portal);
        var id = await TsbTestData.CreateAsync(portal, TsbTestData.Draft(first.Model));
        await using var scope = await AsUserWithAsync(Everything);
        var add = scope.ServiceProvider.GetRequiredService<AddTsbAttachment>();
        for (var i = 0; i < TsbPdf.MaxAttachments; i++)
            await add.HandleAsync(id, $"part {i}.pdf", TsbTestData.Pdf($"part {i}"));
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => add.HandleAsync(id, "one more.pdf", TsbTestData.Pdf()));
        Assert.Equal("A bulletin has at most 20 files; remove one first.", refused.Message);
        Assert.Equal(TsbPdf.MaxAttachments, (await scope.ServiceProvider.GetRequiredService<GetTsb>().HandleAsync(id)).Attachments.Count);
    }

    [Fact]
    public async Task The_download_answers_a_reader_with_the_pdf_as_an_attachment_and_refuses_everyone_else()
    {
        var (first, _) = await TsbTestData.ModelsAsync(portal);
        var id = await TsbTestData.CreateAsync(portal, TsbTestData.Draft(first.Model));
        var pdf = TsbTestData.Pdf("download");
        int fileId;
        await using (var admin = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            fileId = await admin.ServiceProvider.GetRequiredService<AddTsbAttachment>().HandleAsync(id, "Bulletin.pdf", pdf);

        async Task<HttpClient> SignedInAsync(params string[] permissions)
        {
            var email = $"tsb-http-{Guid.NewGuid():N}@arc.test";
            var username = await portal.CreateUserAsync(email);
            await portal.AddToGroupAsync(username, await portal.CreateGroupAsync($"tsb http {Guid.NewGuid():N}", permissions));
            var client = HttpSignIn.Client(portal.BaseAddress);
            using var signIn = await HttpSignIn.PostAsync(client, email, PortalServer.UserPassword);
            client.DefaultRequestHeaders.Add("Cookie", HttpSignIn.SetCookie(signIn, SessionCookie.DevelopmentName)!.Split(';')[0]);
            return client;
        }

        using (var reader = await SignedInAsync(Perm.TsbRead))
        {
            using var ok = await reader.GetAsync($"tsbs/{id}/files/{fileId}");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("application/pdf", ok.Content.Headers.ContentType!.MediaType);
            Assert.Equal(("attachment", "Bulletin.pdf"), (ok.Content.Headers.ContentDisposition!.DispositionType, ok.Content.Headers.ContentDisposition.FileName));
            Assert.True(ok.Headers.CacheControl!.NoStore);
            Assert.Equal(pdf, await ok.Content.ReadAsByteArrayAsync());
            using var missing = await reader.GetAsync($"tsbs/{id}/files/987654");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        using (var serviceOnly = await SignedInAsync(Perm.TsbVehicleRead))
        {
            using var refused = await serviceOnly.GetAsync($"tsbs/{id}/files/{fileId}");
            // A signed-in caller without the permission is sent to the portal's access-denied page, as for any page.
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/access-denied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
        using var anonymous = HttpSignIn.Client(portal.BaseAddress);
        using var redirected = await anonymous.GetAsync($"tsbs/{id}/files/{fileId}");
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Contains("/account/login", redirected.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
