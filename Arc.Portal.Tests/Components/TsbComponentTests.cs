using System.Text;
using Arc.Domain.Permissions;
using Arc.Domain.Tsbs;
using Arc.Portal.Components.Tsbs;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>A bulletin's page, its files and a vehicle's Bulletins tab: buttons by permission, refusals shown, the empty state.</summary>
public sealed class TsbComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task<int> FileCountAsync(int id)
    {
        await using var db = portal.CreateDb();
        return await db.Set<TsbAttachment>().CountAsync(a => a.TsbId == id);
    }

    [Fact]
    public async Task A_reader_sees_the_bulletin_and_its_files_but_no_button_that_changes_them()
    {
        var (first, _) = await TsbTestData.ModelsAsync(portal);
        var id = await TsbTestData.CreateAsync(portal, TsbTestData.Draft(first.Model, "2019-2021, 2023"));
        await using (var admin = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await admin.ServiceProvider.GetRequiredService<AddTsbAttachment>().HandleAsync(id, "Reader.pdf", TsbTestData.Pdf());
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.TsbRead);
        var cut = ctx.RenderWithProviders<TsbPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => Assert.Equal("2019-2021, 2023", cut.Find("[data-testid=tsb-years-value]").TextContent.Trim()), Wait);
        Assert.Equal("Reader.pdf", cut.Find("[data-testid=tsb-file-link]").TextContent.Trim());
        Assert.StartsWith($"tsbs/{id}/files/", cut.Find("[data-testid=tsb-file-link]").GetAttribute("href"), StringComparison.Ordinal);
        foreach (var button in new[] { "edit-tsb", "delete-tsb", "tsb-file-input", "tsb-file-remove" })
            Assert.Empty(cut.FindAll($"[data-testid={button}]"));
    }

    [Fact]
    public async Task An_editor_attaches_a_pdf_and_a_file_that_is_not_one_is_refused_with_its_reason()
    {
        var (first, _) = await TsbTestData.ModelsAsync(portal);
        var id = await TsbTestData.CreateAsync(portal, TsbTestData.Draft(first.Model));
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.TsbRead, Perm.TsbEdit);
        var cut = ctx.RenderWithProviders<TsbPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-tsb-files]"), Wait);
        Assert.Single(cut.FindAll("[data-testid=edit-tsb]"));
        Assert.Empty(cut.FindAll("[data-testid=delete-tsb]"));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Encoding.ASCII.GetBytes("<html>not a pdf</html>"), "notes.pdf"));
        cut.WaitForAssertion(() => Assert.Equal("notes.pdf is not a PDF file; attach bulletins as PDF.", cut.Find("[data-testid=tsb-file-error]").TextContent.Trim()), Wait);
        Assert.Equal(0, await FileCountAsync(id));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TsbTestData.Pdf(), "TSB 7.pdf"));
        cut.WaitForAssertion(() => Assert.Equal("TSB 7.pdf", cut.Find("[data-testid=tsb-file-link]").TextContent.Trim()), Wait);
        Assert.Empty(cut.FindAll("[data-testid=tsb-file-error]"));
        Assert.Equal(1, await FileCountAsync(id));
    }

    [Fact]
    public async Task A_deleted_bulletin_opens_marked_deleted_with_no_button_that_changes_it()
    {
        var (first, _) = await TsbTestData.ModelsAsync(portal);
        var id = await TsbTestData.CreateAsync(portal, TsbTestData.Draft(first.Model));
        await using (var admin = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await admin.ServiceProvider.GetRequiredService<DeleteTsb>().HandleAsync(id);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.TsbRead, Perm.TsbEdit, Perm.TsbDelete);
        var cut = ctx.RenderWithProviders<TsbPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=tsb-deleted]"), Wait);
        foreach (var button in new[] { "edit-tsb", "delete-tsb", "tsb-file-input" })
            Assert.Empty(cut.FindAll($"[data-testid={button}]"));
    }

    [Fact]
    public async Task An_unknown_bulletin_says_so()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.TsbRead);
        var cut = ctx.RenderWithProviders<TsbPage>(p => p.Add(c => c.Id, 987_654));
        cut.WaitForAssertion(() => Assert.Equal("This bulletin does not exist.", cut.Find("[data-testid=tsb-missing]").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task The_vehicle_tab_lists_the_matching_bulletins_or_says_there_are_none()
    {
        var (first, second) = await TsbTestData.ModelsAsync(portal);
        var match = await TsbTestData.AddVehicleAsync(portal, first.Release, 2021);
        var none = await TsbTestData.AddVehicleAsync(portal, second.Release, 2012);
        var number = TsbTestData.NewNumber();
        await TsbTestData.CreateAsync(portal, TsbTestData.Draft(first.Model, "2021", number));
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.TsbVehicleRead);
        var cut = ctx.RenderWithProviders<VehicleTsbsTab>(p => p.Add(c => c.Vin, match));
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=vehicle-tsb-row]"), r => r.TextContent.Contains(number, StringComparison.Ordinal)), Wait);
        Assert.Empty(cut.FindAll("[data-testid=vehicle-tsb-row] a"));
        cut.Render(p => p.Add(c => c.Vin, none));
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-vehicle-tsbs]"), Wait);
    }

    private async Task<Tsb> StoredAsync(int id)
    {
        await using var db = portal.CreateDb();
        return await db.Set<Tsb>().AsNoTracking().SingleAsync(t => t.Id == id);
    }

    [Fact]
    public async Task An_edit_is_saved_from_the_dialog_and_the_delete_asks_first()
    {
        var (first, _) = await TsbTestData.ModelsAsync(portal);
        var number = TsbTestData.NewNumber();
        var id = await TsbTestData.CreateAsync(portal, TsbTestData.Draft(first.Model, number: number));
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.TsbRead, Perm.TsbEdit, Perm.TsbDelete);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<TsbPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=edit-tsb]"), Wait);

        cut.Find("[data-testid=edit-tsb]").Click();
        dialogs.WaitForAssertion(() => Assert.Equal("2019-2021", dialogs.Find("#tsb-model-years").GetAttribute("value")), Wait);
        dialogs.Find("#tsb-model-years").Change("2019-2020");
        dialogs.Find("#tsb-dealer-date").Change("2024-03-01");
        dialogs.Find("form#tsb-dialog-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("The date sent to dealers lies between the issue date and today.",
            dialogs.Find("[data-testid=tsb-form]").TextContent, StringComparison.Ordinal), Wait);
        dialogs.Find("#tsb-dealer-date").Change("2024-03-20");
        dialogs.Find("form#tsb-dialog-form").Submit();
        cut.WaitForAssertion(() => Assert.Equal("2019-2020", cut.Find("[data-testid=tsb-years-value]").TextContent.Trim()), Wait);
        Assert.Equal([2019, 2020], (await StoredAsync(id)).ModelYears);

        cut.Find("[data-testid=delete-tsb]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains($"Delete bulletin {number}?", dialogs.Markup, StringComparison.Ordinal), Wait);
        AlarmComponentTests.Button(dialogs, "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Delete bulletin", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(TsbStatus.Active, (await StoredAsync(id)).Status);
        cut.Find("[data-testid=delete-tsb]").Click();
        dialogs.WaitForAssertion(() => AlarmComponentTests.Button(dialogs, "Delete"), Wait);
        AlarmComponentTests.Button(dialogs, "Delete").Click();
        await Eventually.ReturnsAsync(() => StoredAsync(id), t => t.Status == TsbStatus.Deleted, Wait, "The bulletin's deletion");
    }
}
