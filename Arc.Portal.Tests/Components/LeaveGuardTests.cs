using Arc.Portal.Components.Shared;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Services;

namespace Arc.Portal.Tests.Components;

/// <summary>The guard that asks before a page is left while something on it would be lost.</summary>
public sealed class LeaveGuardTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();

    public LeaveGuardTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.AddAuthorization().SetAuthorized("Component Tester");
    }

    [Fact]
    public void Leaving_while_something_would_be_lost_asks_and_staying_keeps_the_page()
    {
        var dialogs = _ctx.Render<MudDialogProvider>();
        _ctx.Render<LeaveGuard>(p => p.Add(g => g.When, true).Add(g => g.Title, "Leave without the file?").Add(g => g.Message, "It is lost."));
        var navigation = _ctx.Services.GetRequiredService<BunitNavigationManager>();
        var start = navigation.Uri;

        navigation.NavigateTo("vehicles");
        dialogs.WaitForAssertion(() => Assert.Contains("Leave without the file?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Stay").Click();
        dialogs.WaitForAssertion(() => Assert.Equal(NavigationState.Prevented, navigation.History.First().State));
        Assert.Equal(start, navigation.Uri);

        navigation.NavigateTo("vehicles");
        dialogs.WaitForAssertion(() => Assert.Contains("Leave without the file?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Leave").Click();
        dialogs.WaitForAssertion(() => Assert.EndsWith("/vehicles", navigation.Uri, StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_to_lose_means_no_question()
    {
        var dialogs = _ctx.Render<MudDialogProvider>();
        _ctx.Render<LeaveGuard>(p => p.Add(g => g.When, false).Add(g => g.Title, "Leave without the file?").Add(g => g.Message, "It is lost."));
        var navigation = _ctx.Services.GetRequiredService<BunitNavigationManager>();

        navigation.NavigateTo("vehicles");

        Assert.EndsWith("/vehicles", navigation.Uri, StringComparison.Ordinal);
        Assert.DoesNotContain("Leave without the file?", dialogs.Markup, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();
}
