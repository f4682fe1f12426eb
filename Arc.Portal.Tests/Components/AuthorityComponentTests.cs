using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;
using Bunit;

namespace Arc.Portal.Tests.Components;

public sealed class AuthorityComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly string Vin = DemoVins.First;

    [Fact]
    public async Task The_authority_list_shows_the_tree_and_hides_creation_without_the_permission()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.AuthorityRead);
        var cut = ctx.RenderWithProviders<AuthorityList>();
        cut.WaitForAssertion(() => Assert.Contains("Arcimoto, Inc.", cut.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Contains("Q&amp;RA", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=create-authority]"));
    }

    [Fact]
    public async Task With_the_permission_an_empty_description_is_refused_on_the_field()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.AuthorityRead, Perm.AuthorityCreate);
        var cut = ctx.RenderWithProviders<AuthorityList>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=create-authority]")), TimeSpan.FromSeconds(10));
        await cut.Find("[data-testid=create-authority]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Contains("An authority needs a description", cut.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_pin_stays_hidden_until_asked_for()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.AuthorityVehicleRead);
        var cut = ctx.RenderWithProviders<VehiclePinTab>(p => p.Add(c => c.Vin, Vin));
        Assert.Empty(cut.FindAll("[data-testid=factory-pin]"));
        await cut.Find("[data-testid=show-pin]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Matches("^[0-9]{6}$", cut.Find("[data-testid=factory-pin]").TextContent.Trim()), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Signing_is_offered_only_with_the_permission()
    {
        await using (var reader = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.AuthorityVehicleRead))
        {
            var cut = reader.RenderWithProviders<VehicleAuthoritiesTab>(p => p.Add(c => c.Vin, Vin));
            cut.WaitForAssertion(() => Assert.Contains("Arcimoto, Inc.", cut.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
            Assert.Empty(cut.FindAll("[data-testid=sign-token]"));
            Assert.Empty(cut.FindAll("[aria-label^=Revoke]"));
        }
        await using var signer = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.AuthorityVehicleRead, Perm.AuthorityVehicleSign);
        var form = signer.RenderWithProviders<VehicleAuthoritiesTab>(p => p.Add(c => c.Vin, Vin));
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("[data-testid=sign-token]")), TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(new[] { "expires", "1893456000" }, "{\"vin\":\"V\",\"expires\":1893456000}")]
    [InlineData(new[] { "holder", "Zoë" }, "{\"vin\":\"V\",\"holder\":\"Zo\\u00EB\"}")]
    [InlineData(new[] { "", "" }, "{\"vin\":\"V\"}")]
    public void Token_fields_from_the_form_become_json_with_the_vin_first(string[] field, string expected) =>
        Assert.Equal(expected, TokenJson.Build("V", [(field[0], field[1])]));

    [Fact]
    public void A_nameless_or_repeated_field_is_refused()
    {
        Assert.Throws<ValidationFailedException>(() => TokenJson.Build("V", [("", "x")]));
        Assert.Throws<ValidationFailedException>(() => TokenJson.Build("V", [("vin", "other")]));
    }
}
