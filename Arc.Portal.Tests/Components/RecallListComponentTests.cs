using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Portal.Components.Recalls;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>The recall list and the menu entry: who sees what, and bad input refused with its reason.</summary>
public sealed class RecallListComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly string[] Everything = [Perm.RecallRead, Perm.RecallCreate, Perm.RecallEdit, Perm.RecallDelete];

    [Fact]
    public async Task The_list_offers_a_new_recall_only_with_the_permission()
    {
        await RecallTestData.CreateAsync(portal, "Listed brake fittings");
        await using (var reader = await ComponentHost.CreateAsync(portal, Perm.RecallRead))
        {
            reader.NavigateTo("recalls");
            var list = reader.RenderWithProviders<RecallList>();
            list.WaitForAssertion(() => Assert.NotEmpty(list.FindAll("[data-testid=recall-table] tbody tr a")), Wait);
            Assert.Empty(list.FindAll("[data-testid=new-recall]"));
            Assert.Single(list.FindAll("[data-testid=export-csv]"));
        }
        await using var creator = await ComponentHost.CreateAsync(portal, Perm.RecallRead, Perm.RecallCreate);
        creator.NavigateTo("recalls");
        var cut = creator.RenderWithProviders<RecallList>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=new-recall]"), Wait);
    }

    [Fact]
    public async Task A_hostile_title_and_an_oversized_search_are_refused_with_their_reasons()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Everything);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.NavigateTo("recalls?q=" + new string('x', ListRecalls.MaxSearchLength + 1));
        var cut = ctx.RenderWithProviders<RecallList>();
        cut.WaitForAssertion(() => Assert.Contains("at most 100 characters", cut.Find("[data-testid=recall-list-error]").TextContent, StringComparison.Ordinal), Wait);

        var title = "Bell\u0007 " + Guid.NewGuid().ToString("N")[..6];
        cut.Find("[data-testid=new-recall]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("#recall-title"), Wait);
        dialogs.Find("#recall-title").Change(title);
        dialogs.Find("#recall-description").Change("<script>alert(1)</script>");
        dialogs.Find("#recall-nhtsa").Change(await RecallTestData.FreeNumberAsync(portal));
        dialogs.Find("#recall-safety-description").Change("Loss of braking.");
        dialogs.Find("form#recall-dialog-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("The title holds control characters; remove them.",
            dialogs.Find("[data-testid=recall-form]").TextContent, StringComparison.Ordinal), Wait);
        await using var db = portal.CreateDb();
        Assert.False(await db.Set<Recall>().AnyAsync(r => r.Title == title));
    }

    [Fact]
    public async Task Recalls_sit_under_vehicles_in_the_menu_for_whoever_may_read_them_even_without_reading_vehicles()
    {
        await using (var recallsOnly = await ComponentHost.CreateAsync(portal, Perm.RecallRead))
        {
            var cut = recallsOnly.Render<Arc.Portal.Components.Layout.NavMenu>();
            var group = cut.FindAll(".mud-nav-group").Single(g => g.QuerySelector(".mud-nav-link-text")?.TextContent.Trim() == "Vehicles");
            Assert.Equal(["recalls"], group.QuerySelectorAll("a.mud-nav-link").Select(a => a.GetAttribute("href")));
        }
        await using (var both = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.RecallRead))
        {
            var cut = both.Render<Arc.Portal.Components.Layout.NavMenu>();
            Assert.Single(cut.FindAll("a[href=vehicles]"));
            Assert.Single(cut.FindAll("a[href=recalls]"));
        }
        await using var vehiclesOnly = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        var bare = vehiclesOnly.Render<Arc.Portal.Components.Layout.NavMenu>();
        Assert.Single(bare.FindAll("a[href=vehicles]"));
        Assert.Empty(bare.FindAll("a[href=recalls]"));
    }
}
