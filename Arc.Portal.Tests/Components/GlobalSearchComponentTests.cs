using Arc.Domain.Permissions;
using Arc.Domain.Search;
using Arc.Portal.Components.Search;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>The app-bar search box: its list, its empty state, its refusals, and opening what is picked.</summary>
public sealed class GlobalSearchComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly string Vin = DemoVins.First;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static (IRenderedComponent<MudPopoverProvider> List, IRenderedComponent<GlobalSearch> Box) Render(BunitContext ctx) =>
        (ctx.Render<MudPopoverProvider>(), ctx.Render<GlobalSearch>());

    [Fact]
    public async Task Part_of_a_VIN_lists_the_vehicle_and_picking_it_opens_its_page()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        var (list, box) = Render(ctx);
        box.Find("#global-search").Input("r00019");
        list.WaitForAssertion(() => Assert.Contains(Vin, list.Find("[data-testid=search-hit]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("Vehicle", list.Find("[data-testid=search-hit]").TextContent, StringComparison.Ordinal);

        await list.Find(".mud-list-item").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        box.WaitForAssertion(() => Assert.EndsWith($"/vehicles/{Vin}", navigation.Uri, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task Text_that_matches_nothing_says_so()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.UsersRead, Perm.UserRead, Perm.AuthorityRead);
        var (list, box) = Render(ctx);
        box.Find("#global-search").Input("%_nothing-like-this_%");
        list.WaitForAssertion(() => Assert.Equal("No matches", list.Find("[data-testid=search-empty]").TextContent.Trim()), Wait);
        Assert.Empty(list.FindAll("[data-testid=search-hit]"));
    }

    [Fact]
    public async Task One_character_starts_no_search()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        var (list, box) = Render(ctx);
        // The box asks nothing below the shortest term the search accepts, and the search itself refuses one
        // character; nothing is waited for, since a search that never runs has no moment to wait for.
        Assert.Equal(SearchTerm.MinLength, box.FindComponent<MudBlazor.MudAutocomplete<SearchHit>>().Instance.MinCharacters);
        Assert.Null(SearchTerm.Parse("7"));
        box.Find("#global-search").Input("7");
        Assert.Empty(list.FindAll("[data-testid=search-hit]"));
        Assert.Empty(list.FindAll("[data-testid=search-empty]"));
        box.Find("#global-search").Input("7F");
        list.WaitForAssertion(() => Assert.NotEmpty(list.FindAll("[data-testid=search-hit]")), Wait);
    }

    [Fact]
    public async Task Control_characters_are_refused_with_a_message_in_the_list()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead);
        var (list, box) = Render(ctx);
        box.Find("#global-search").Input("7F7\u202EATR");
        list.WaitForAssertion(() => Assert.Contains("control or invisible characters", list.Find("[data-testid=search-empty]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task Without_the_vehicle_permission_a_VIN_finds_nothing()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.AuthorityRead);
        var (list, box) = Render(ctx);
        box.Find("#global-search").Input("r00019");
        list.WaitForAssertion(() => Assert.Equal("No matches", list.Find("[data-testid=search-empty]").TextContent.Trim()), Wait);
    }
}
