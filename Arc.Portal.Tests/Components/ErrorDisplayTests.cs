using Arc.Domain.Common;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor.Services;

namespace Arc.Portal.Tests.Components;

/// <summary>What a user sees when a page fails: a plain sentence and a reference, never the technical detail.</summary>
public sealed class ErrorDisplayTests : IDisposable
{
    private readonly BunitContext _ctx = new();

    public ErrorDisplayTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddLogging();
        _ctx.Services.AddSingleton<ICorrelation>(new Reference());
        _ctx.Services.AddScoped<UserSafeErrors>();
    }

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public void An_unexpected_failure_while_loading_shows_a_plain_message_with_the_reference()
    {
        var cut = _ctx.Render<PortalErrorBoundary>(p => p.AddChildContent<FailsWhileLoading>());

        var message = cut.Find("[data-testid=page-error]").TextContent;
        Assert.Contains("Something went wrong on the server", message, StringComparison.Ordinal);
        Assert.Contains("(reference c0ffee-1234).", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.5", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_button_keeps_the_circuit_and_an_outage_keeps_its_own_words_with_the_reference()
    {
        var cut = _ctx.Render<PortalErrorBoundary>(p => p.AddChildContent<FailsOnClick>());

        cut.Find("button").Click();

        var message = cut.Find("[data-testid=page-error]").TextContent;
        Assert.Equal("The key service did not answer; try again later (reference c0ffee-1234).", message.Trim());
        Assert.DoesNotContain("AccessDenied", cut.Markup, StringComparison.Ordinal);
    }

    private sealed class Reference : ICorrelation
    {
        public string Id => "c0ffee-1234";
    }

    private sealed class FailsWhileLoading : ComponentBase
    {
        protected override void OnInitialized() => throw new InvalidOperationException("Npgsql: connection to 10.0.0.5:5432 refused");
    }

    private sealed class FailsOnClick : ComponentBase
    {
        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, () =>
                throw new ServiceUnavailableException("The key service did not answer; try again later.", new InvalidOperationException("KMS AccessDeniedException"))));
            builder.AddContent(2, "Seal");
            builder.CloseElement();
        }
    }
}
