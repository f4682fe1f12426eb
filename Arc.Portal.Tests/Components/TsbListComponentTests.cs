using Arc.Domain.Permissions;
using Arc.Domain.Tsbs;
using Arc.Portal.Components.Tsbs;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>The bulletin list, its export and the menu entry: who sees what, and bad input refused with its reason.</summary>
public sealed class TsbListComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_list_shows_what_matches_its_search_and_offers_a_new_bulletin_only_with_the_permission()
    {
        var (first, _) = await TsbTestData.ModelsAsync(portal);
        var word = "Listed" + Guid.NewGuid().ToString("N")[..6];
        var id = await TsbTestData.CreateAsync(portal, TsbTestData.Draft(first.Model, title: word + " battery drain"));
        await TsbTestData.CreateAsync(portal, TsbTestData.Draft(first.Model, title: "Another bulletin"));
        await using (var reader = await ComponentHost.CreateAsync(portal, Perm.TsbRead))
        {
            reader.NavigateTo("tsbs?q=" + word.ToLowerInvariant());
            var list = reader.RenderWithProviders<TsbList>();
            list.WaitForAssertion(() => Assert.Equal($"tsbs/{id}", Assert.Single(list.FindAll("[data-testid=tsb-table] tbody tr a")).GetAttribute("href")), Wait);
            Assert.Empty(list.FindAll("[data-testid=new-tsb]"));
            Assert.Single(list.FindAll("[data-testid=export-csv]"));
        }
        await using var creator = await ComponentHost.CreateAsync(portal, Perm.TsbRead, Perm.TsbCreate);
        creator.NavigateTo("tsbs");
        var cut = creator.RenderWithProviders<TsbList>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=new-tsb]"), Wait);
    }

    [Fact]
    public async Task A_hostile_title_an_oversized_search_and_a_bad_model_year_are_refused_with_their_reasons()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.TsbRead, Perm.TsbCreate);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.NavigateTo("tsbs?year=1900&q=" + new string('x', ListTsbs.MaxSearchLength + 1));
        var cut = ctx.RenderWithProviders<TsbList>();
        cut.WaitForAssertion(() => Assert.Contains("at most 100 characters", cut.Find("[data-testid=tsb-list-error]").TextContent, StringComparison.Ordinal), Wait);

        var title = "Bell\u0007 " + Guid.NewGuid().ToString("N")[..6];
        cut.Find("[data-testid=new-tsb]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("#tsb-title"), Wait);
        dialogs.Find("#tsb-number").Change(TsbTestData.NewNumber());
        dialogs.Find("#tsb-title").Change(title);
        dialogs.Find("#tsb-summary").Change("<script>alert(1)</script>");
        dialogs.Find("#tsb-model-years").Change("2019-2021");
        dialogs.Find("form#tsb-dialog-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("The title holds control or hidden characters; remove them.",
            dialogs.Find("[data-testid=tsb-form]").TextContent, StringComparison.Ordinal), Wait);
        dialogs.Find("#tsb-title").Change("Fine title");
        dialogs.Find("form#tsb-dialog-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("names at least one model", dialogs.Find("[data-testid=tsb-form]").TextContent, StringComparison.Ordinal), Wait);
        await using var db = portal.CreateDb();
        Assert.False(await db.Set<Tsb>().AnyAsync(t => t.Title == title || t.Title == "Fine title"));
    }

    [Fact]
    public void The_export_writes_a_formula_looking_cell_as_text()
    {
        var tsb = new Tsb
        {
            Id = 7, Number = "TSB-1", Title = "=HYPERLINK(\"http://evil\",\"x\")", Summary = "+1+2", Component = "@SUM(A1)", CreatedBy = "a",
            ModelIds = [1], ModelYears = [2019, 2020], IssueDate = new DateOnly(2024, 1, 2),
        };
        var csv = Arc.Domain.Common.ListExport.ToCsv([new TsbView(tsb, ["FUV"], null)], TsbList.ExportColumns);
        var row = csv.Split("\r\n")[1];
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", row, StringComparison.Ordinal);
        Assert.Contains(",'+1+2,", row, StringComparison.Ordinal);
        Assert.Contains(",'@SUM(A1),", row, StringComparison.Ordinal);
        Assert.Contains(",2019-2020,", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulletins_sit_under_vehicles_in_the_menu_for_whoever_may_read_them()
    {
        await using (var readers = await ComponentHost.CreateAsync(portal, Perm.TsbRead))
        {
            var cut = readers.Render<Arc.Portal.Components.Layout.NavMenu>();
            var group = cut.FindAll(".mud-nav-group").Single(g => g.QuerySelector(".mud-nav-link-text")?.TextContent.Trim() == "Vehicles");
            Assert.Equal(["tsbs"], group.QuerySelectorAll("a.mud-nav-link").Select(a => a.GetAttribute("href")));
        }
        await using var others = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.TsbVehicleRead);
        Assert.Empty(others.Render<Arc.Portal.Components.Layout.NavMenu>().FindAll("a[href=tsbs]"));
    }
}
