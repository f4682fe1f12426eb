using Arc.Portal.Components.Shared;
using Arc.Portal.Tests.Support;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Services;

namespace Arc.Portal.Tests.Components;

/// <summary>The guard that asks before a page is left while something on it would be lost.</summary>
public sealed class LeaveGuardTests : IAsyncDisposable
{
    /// <summary>Dialogs render through the circuit's dispatcher; on a machine busy with the whole suite that takes a while.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly BunitContext _ctx = new();

    public LeaveGuardTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.AddAuthorization().SetAuthorized("Component Tester");
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, BunitNavigationManager Navigation) RenderGuard()
    {
        var dialogs = _ctx.Render<MudDialogProvider>();
        _ctx.Render<LeaveGuard>(p => p.Add(g => g.When, true).Add(g => g.Title, "Leave without the file?").Add(g => g.Message, "It is lost."));
        return (dialogs, _ctx.Services.GetRequiredService<BunitNavigationManager>());
    }

    [Fact]
    public async Task Leaving_while_something_would_be_lost_asks_and_staying_keeps_the_page()
    {
        var (dialogs, navigation) = RenderGuard();
        var start = navigation.Uri;

        navigation.NavigateTo("vehicles");
        dialogs.WaitForAssertion(() => Assert.Contains("Leave without the file?", dialogs.Markup, StringComparison.Ordinal), Patience);
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Stay").Click();
        // The navigation is settled after the dialog's last render, so a render-driven wait may never look again: poll.
        await Eventually.ReturnsAsync(() => Task.FromResult(navigation.History.FirstOrDefault()?.State),
            state => state == NavigationState.Prevented, Patience, "the navigation to be prevented");
        Assert.Equal(start, navigation.Uri);
        // Choosing to leave is not checked here: bUnit's navigation manager did not always finish a navigation the
        // dialog let through (one run in five), so that path still needs a browser test.
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
