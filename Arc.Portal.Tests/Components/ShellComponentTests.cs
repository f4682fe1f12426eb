using Arc.Portal.Components.Layout;
using Bunit;
using MudBlazor;
using MudBlazor.Services;

namespace Arc.Portal.Tests.Components;

/// <summary>The app bar's pieces that need no database.</summary>
public sealed class ShellComponentTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();

    public ShellComponentTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.AddAuthorization().SetAuthorized("ADMINISTRATOR");
    }

    [Fact]
    public void A_click_on_the_account_button_opens_its_menu()
    {
        var popovers = _ctx.Render<MudPopoverProvider>();
        var menu = _ctx.Render<UserMenu>();
        Assert.DoesNotContain("Change password", popovers.Markup, StringComparison.Ordinal);

        menu.Find("[data-testid=user-menu] button").Click();

        popovers.WaitForAssertion(() => Assert.Contains("Change password", popovers.Markup, StringComparison.Ordinal));
    }

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();
}
