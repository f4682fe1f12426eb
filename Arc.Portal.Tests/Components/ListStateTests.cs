using Arc.Portal.Components.Shared;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

public sealed class ListStateTests : IDisposable
{
    private readonly BunitContext _context = new();

    private BunitNavigationManager Navigation => (BunitNavigationManager)_context.Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void The_state_is_read_from_the_address_with_the_page_counted_from_one()
    {
        Navigation.NavigateTo("vehicles?vin=r00019&model=2&sort=created&dir=desc&page=3&size=50");
        using var list = new ListState(Navigation, defaultSize: 20, defaultSort: "vin");
        Assert.Equal(("r00019", 2, "created", true, 2, 50), (list.Text("vin"), list.Number("model"), list.Sort, list.Descending, list.Page, list.Size));
        Assert.Equal(SortDirection.Descending, list.DirectionOf("created"));
        Assert.Equal(SortDirection.None, list.DirectionOf("vin"));
        Assert.Equal("/vehicles?model=2&vin=r00019&sort=created&dir=desc&page=3&size=50", list.Address());
    }

    [Theory]
    [InlineData("vehicles?page=-1&size=100000&model=x")]
    [InlineData("vehicles?page=abc&size=0&model=")]
    [InlineData("vehicles?page=0&size=-5&model=1e3")]
    public void Malformed_values_in_the_address_fall_back_to_the_defaults(string address)
    {
        Navigation.NavigateTo(address);
        using var list = new ListState(Navigation, defaultSize: 20, defaultSort: "vin");
        Assert.Equal((0, 20, (int?)null, "vin", false), (list.Page, list.Size, list.Number("model"), list.Sort, list.Descending));
        Assert.Equal(SortDirection.Ascending, list.DirectionOf("vin"));
    }

    [Fact]
    public void A_filter_change_returns_to_the_first_page_and_adds_one_history_entry()
    {
        Navigation.NavigateTo("vehicles?page=4");
        using var list = new ListState(Navigation, defaultSize: 20, defaultSort: "vin");
        var version = list.Version;
        var entries = Navigation.History.Count;

        list.SetFilters(("model", 3), ("release", null), ("vin", " 0001 "));

        Assert.Equal("http://localhost/vehicles?model=3&vin=0001", Navigation.Uri);
        Assert.Equal(entries + 1, Navigation.History.Count);
        Assert.Equal(0, list.Page);
        Assert.NotEqual(version, list.Version);
    }

    [Fact]
    public void A_table_change_is_written_only_when_it_differs_and_defaults_stay_out()
    {
        Navigation.NavigateTo("vehicles");
        using var list = new ListState(Navigation, defaultSize: 20, defaultSort: "vin");
        var entries = Navigation.History.Count;

        list.Record(new TableState { Page = 0, PageSize = 20, SortLabel = "vin", SortDirection = SortDirection.Ascending });
        Assert.Equal(entries, Navigation.History.Count);

        list.Record(new TableState { Page = 1, PageSize = 50, SortLabel = "model", SortDirection = SortDirection.Descending });
        Assert.Equal("http://localhost/vehicles?sort=model&dir=desc&page=2&size=50", Navigation.Uri);
        Assert.Equal(entries + 1, Navigation.History.Count);
    }

    [Fact]
    public void Back_to_an_earlier_address_is_read_and_announced_but_the_states_own_navigation_is_not()
    {
        Navigation.NavigateTo("vehicles");
        using var list = new ListState(Navigation, defaultSize: 20, defaultSort: "vin");
        var announced = 0;
        list.Changed += () =>
        {
            announced++;
            return Task.CompletedTask;
        };

        list.SetFilter("vin", "00019");
        Assert.Equal(0, announced);

        var version = list.Version;
        Navigation.NavigateTo("vehicles?fleet=2&page=2");
        Assert.Equal(1, announced);
        Assert.Equal((null, 2, 1), (list.Text("vin"), list.Number("fleet"), list.Page));
        Assert.NotEqual(version, list.Version);

        Navigation.NavigateTo("vehicles/DEV-7F7ATR319LER05096");
        Assert.Equal(1, announced);
    }

    [Fact]
    public void A_filter_set_to_the_value_it_has_leaves_the_table_its_page_and_the_address_alone()
    {
        Navigation.NavigateTo("vehicles?vin=ER000&page=3");
        using var list = new ListState(Navigation, defaultSize: 20, defaultSort: "vin");
        var (version, address) = (list.Version, Navigation.Uri);

        list.SetFilter("vin", " ER000 ");
        list.SetFilters(("vin", "ER000"), ("model", null));

        Assert.Equal((version, 2, address), (list.Version, list.Page, Navigation.Uri));
        list.SetFilter("vin", "ER001");
        Assert.NotEqual(version, list.Version);
        Assert.Equal(0, list.Page);
    }

    public void Dispose() => _context.Dispose();
}
