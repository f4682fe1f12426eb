using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Portal.Components.Recalls;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>The recall page and its dialogs: buttons by permission, the use cases' messages on their fields, confirmations that cancel.</summary>
public sealed class RecallComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly string[] Everything = [Perm.RecallRead, Perm.RecallCreate, Perm.RecallEdit, Perm.RecallDelete];

    private async Task<Recall> StoredAsync(int id)
    {
        await using var db = portal.CreateDb();
        return await db.Set<Recall>().AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private async Task<RecallRemedy?> RemedyAsync(int id)
    {
        await using var db = portal.CreateDb();
        return await db.Set<RecallRemedy>().AsNoTracking().SingleOrDefaultAsync(m => m.RecallId == id);
    }

    private async Task<int> RecallCountAsync()
    {
        await using var db = portal.CreateDb();
        return await db.Set<Recall>().CountAsync();
    }

    [Fact]
    public async Task A_reader_sees_the_recall_and_its_remedy_but_no_button_that_changes_them()
    {
        var (id, number) = await RecallTestData.CreateAsync(portal, "Reader brake fittings", RemedyType.DealerRepair);
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.RecallRead);
        var cut = ctx.RenderWithProviders<RecallPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => Assert.Contains(number, cut.Find("[data-testid=recall-nhtsa]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("Dealer repair", cut.Find("[data-testid=remedy-type-value]").TextContent.Trim());
        Assert.Contains("Loss of rear braking", cut.Find("[data-testid=recall-consequence]").TextContent, StringComparison.Ordinal);
        foreach (var button in new[] { "edit-recall", "delete-recall", "add-remedy", "edit-remedy", "delete-remedy" })
            Assert.Empty(cut.FindAll($"[data-testid={button}]"));
    }

    [Theory]
    [InlineData(new[] { Perm.RecallRead, Perm.RecallEdit }, new[] { "edit-recall", "edit-remedy" })]
    [InlineData(new[] { Perm.RecallRead, Perm.RecallDelete }, new[] { "delete-recall" })]
    [InlineData(new[] { Perm.RecallRead, Perm.RecallEdit, Perm.RecallDelete }, new[] { "edit-recall", "delete-recall", "edit-remedy", "delete-remedy" })]
    public async Task Each_button_shows_only_with_the_permissions_its_use_case_asks_for(string[] permissions, string[] shown)
    {
        var (id, _) = await RecallTestData.CreateAsync(portal, "Buttons brake fittings", RemedyType.OverTheAir);
        await using var ctx = await ComponentHost.CreateAsync(portal, permissions);
        var cut = ctx.RenderWithProviders<RecallPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=remedy-facts]"), Wait);
        foreach (var button in new[] { "edit-recall", "delete-recall", "edit-remedy", "delete-remedy" })
            Assert.Equal(shown.Contains(button), cut.FindAll($"[data-testid={button}]").Count == 1);
        Assert.Empty(cut.FindAll("[data-testid=add-remedy]"));
    }

    [Theory]
    [InlineData(new[] { Perm.RecallRead, Perm.RecallCreate }, false)]
    [InlineData(new[] { Perm.RecallRead, Perm.RecallEdit }, false)]
    [InlineData(new[] { Perm.RecallRead, Perm.RecallCreate, Perm.RecallEdit }, true)]
    public async Task Adding_a_remedy_is_offered_only_with_create_and_edit(string[] permissions, bool offered)
    {
        var (id, _) = await RecallTestData.CreateAsync(portal, "Remedy buttons");
        await using var ctx = await ComponentHost.CreateAsync(portal, permissions);
        var cut = ctx.RenderWithProviders<RecallPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-remedy]"), Wait);
        Assert.Equal(offered, cut.FindAll("[data-testid=add-remedy]").Count == 1);
    }

    [Fact]
    public async Task A_bad_campaign_number_and_a_missing_safety_description_show_under_their_fields_and_create_nothing()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Everything);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        ctx.NavigateTo("recalls");
        var cut = ctx.RenderWithProviders<RecallList>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=new-recall]"), Wait);
        var before = await RecallCountAsync();

        cut.Find("[data-testid=new-recall]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("#recall-nhtsa"), Wait);
        dialogs.Find("#recall-title").Change("Rear brake line fittings");
        dialogs.Find("#recall-description").Change("Fittings may loosen.");
        dialogs.Find("#recall-nhtsa").Change("23X-862");
        dialogs.Find("form#recall-dialog-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("The third character of an NHTSA campaign number is its type: V, E, T or C.",
            dialogs.Find("[data-testid=recall-form]").TextContent, StringComparison.Ordinal), Wait);

        // Refused again on the same field, the field shows the new reason.
        dialogs.Find("#recall-nhtsa").Change("65V-001");
        dialogs.Find("form#recall-dialog-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("The campaign number's year 2065 lies in the future.",
            dialogs.Find("[data-testid=recall-form]").TextContent, StringComparison.Ordinal), Wait);

        // A safety recall (the form's default) needs its consequence.
        dialogs.Find("#recall-nhtsa").Change(await RecallTestData.FreeNumberAsync(portal));
        dialogs.Find("form#recall-dialog-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("A safety recall needs its safety description",
            dialogs.Find("[data-testid=recall-form]").TextContent, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain("The third character", dialogs.Markup, StringComparison.Ordinal);

        dialogs.Find("#recall-reported").Change("2023-11-01");
        dialogs.Find("#recall-determined").Change("2023-11-20");
        dialogs.Find("#recall-safety-description").Change("Loss of braking.");
        dialogs.Find("form#recall-dialog-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("The 573 report cannot be submitted before the defect was determined.",
            dialogs.Find("[data-testid=recall-form]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(before, await RecallCountAsync());
    }

    [Fact]
    public async Task Cancelling_the_delete_confirmations_changes_nothing_and_confirming_deletes()
    {
        var (id, number) = await RecallTestData.CreateAsync(portal, "Confirm brake fittings", RemedyType.Both);
        await using var ctx = await ComponentHost.CreateAsync(portal, Everything);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<RecallPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=delete-remedy]"), Wait);

        cut.Find("[data-testid=delete-remedy]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete this remedy?", dialogs.Markup, StringComparison.Ordinal), Wait);
        AlarmComponentTests.Button(dialogs, "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Delete this remedy?", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.NotNull(await RemedyAsync(id));

        cut.Find("[data-testid=delete-recall]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains($"Delete recall {number}?", dialogs.Markup, StringComparison.Ordinal), Wait);
        AlarmComponentTests.Button(dialogs, "Cancel").Click();
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Delete recall", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(RecallStatus.Active, (await StoredAsync(id)).Status);

        cut.Find("[data-testid=delete-remedy]").Click();
        dialogs.WaitForAssertion(() => AlarmComponentTests.Button(dialogs, "Delete"), Wait);
        AlarmComponentTests.Button(dialogs, "Delete").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=no-remedy]"), Wait);
        Assert.Null(await RemedyAsync(id));

        cut.Find("[data-testid=delete-recall]").Click();
        dialogs.WaitForAssertion(() => AlarmComponentTests.Button(dialogs, "Delete"), Wait);
        AlarmComponentTests.Button(dialogs, "Delete").Click();
        await Eventually.ReturnsAsync(() => StoredAsync(id), r => r.Status == RecallStatus.Deleted, Wait, "The recall's deletion");
        cut.WaitForAssertion(() => Assert.EndsWith("/recalls", ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri,
            StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task A_save_made_after_someone_elses_is_refused_with_a_clear_message_and_the_page_shows_their_change()
    {
        var (id, _) = await RecallTestData.CreateAsync(portal, "Conflict brake fittings");
        await using var ctx = await ComponentHost.CreateAsync(portal, Everything);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<RecallPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=edit-recall]"), Wait);
        cut.Find("[data-testid=edit-recall]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("#recall-title"), Wait);

        // Someone else saves first.
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
        {
            var stored = await StoredAsync(id);
            await scope.ServiceProvider.GetRequiredService<EditRecall>().HandleAsync(id, RecallDraft.Of(stored) with { Component = "Brake hoses" }, stored.Version);
        }
        dialogs.Find("#recall-title").Change("Conflict brake fittings, rear");
        dialogs.Find("form#recall-dialog-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("was changed by someone else; reload to see the changes.",
            dialogs.Find("[data-testid=recall-error]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("Conflict brake fittings", (await StoredAsync(id)).Title);

        AlarmComponentTests.Button(dialogs, "Cancel").Click();
        cut.WaitForAssertion(() => Assert.Contains("Brake hoses", cut.Find("[data-testid=recall-facts]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task A_remedy_is_added_with_its_type_and_an_empty_description_is_refused_on_its_field()
    {
        var (id, _) = await RecallTestData.CreateAsync(portal, "Remedy form");
        await using var ctx = await ComponentHost.CreateAsync(portal, Everything);
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<RecallPage>(p => p.Add(c => c.Id, id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=add-remedy]"), Wait);
        await cut.InvokeAsync(() => cut.Find("[data-testid=add-remedy]").Click());
        cut.WaitForAssertion(() => cut.Find("[data-testid=remedy-form]"), Wait);
        await cut.InvokeAsync(() => cut.Find("[data-testid=remedy-form]").Submit());
        cut.WaitForAssertion(() => Assert.Contains("A remedy needs a description.", cut.Find("[data-testid=remedy-form]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Null(await RemedyAsync(id));

        Assert.Equal(3, cut.FindAll("[data-testid=remedy-form] input[type=radio]").Count);
        await cut.InvokeAsync(() => cut.Find("[data-testid=remedy-type-DealerRepair]").Click());
        await cut.InvokeAsync(() => cut.Find("#remedy-description").Change("Replace the fittings."));
        await cut.InvokeAsync(() => cut.Find("[data-testid=remedy-form]").Submit());
        cut.WaitForAssertion(() => Assert.Equal("Dealer repair", cut.Find("[data-testid=remedy-type-value]").TextContent.Trim()), Wait);
        Assert.Equal(RemedyType.DealerRepair, (await RemedyAsync(id))!.Type);

        // Cancelling an edit leaves the remedy as it was.
        await cut.InvokeAsync(() => cut.Find("[data-testid=edit-remedy]").Click());
        cut.WaitForAssertion(() => cut.Find("#remedy-description"), Wait);
        await cut.InvokeAsync(() => cut.Find("#remedy-description").Change("Something else."));
        await cut.InvokeAsync(() => cut.Find("[data-testid=cancel-remedy]").Click());
        cut.WaitForAssertion(() => Assert.Equal("Replace the fittings.", cut.Find("[data-testid=remedy-description-value]").TextContent.Trim()), Wait);
        Assert.Equal("Replace the fittings.", (await RemedyAsync(id))!.Description);
    }

    [Fact]
    public async Task A_deleted_recall_opens_marked_deleted_with_no_changes_offered_and_the_list_shows_it_only_when_asked()
    {
        var (id, number) = await RecallTestData.CreateAsync(portal, "Deleted brake fittings", RemedyType.OverTheAir);
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<DeleteRecall>().HandleAsync(id);
        await using (var ctx = await ComponentHost.CreateAsync(portal, Everything))
        {
            var cut = ctx.RenderWithProviders<RecallPage>(p => p.Add(c => c.Id, id));
            cut.WaitForAssertion(() => cut.Find("[data-testid=recall-deleted]"), Wait);
            foreach (var button in new[] { "edit-recall", "delete-recall", "add-remedy", "edit-remedy", "delete-remedy" })
                Assert.Empty(cut.FindAll($"[data-testid={button}]"));
        }

        await using var listing = await ComponentHost.CreateAsync(portal, Perm.RecallRead);
        listing.NavigateTo("recalls?q=" + number);
        var list = listing.RenderWithProviders<RecallList>();
        list.WaitForAssertion(() => list.Find("[data-testid=no-recalls]"), Wait);
        listing.NavigateTo($"recalls?q={number}&deleted=true");
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid=recall-table] tbody tr [data-testid=recall-deleted-chip]")), Wait);
    }

    [Fact]
    public async Task An_unknown_recall_says_so()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.RecallRead);
        var cut = ctx.RenderWithProviders<RecallPage>(p => p.Add(c => c.Id, 987_654));
        cut.WaitForAssertion(() => Assert.Contains("does not exist", cut.Find("[data-testid=recall-missing]").TextContent, StringComparison.Ordinal), Wait);
    }
}
