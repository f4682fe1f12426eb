using Arc.Domain.Authorities;
using Arc.Domain.Permissions;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Components.Users;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;

namespace Arc.Portal.Tests.Components;

/// <summary>
/// A use case's refusal reaches the person in the words the use case chose, where the form shows it, and the form
/// takes the next try: each test makes two tries that are refused for different reasons.
/// </summary>
public sealed class FormRefusalComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly string Vin = "DEV-" + DemoData.MakeVin('T', 'L', 19);
    private static readonly string UnknownVin = "DEV-" + DemoData.MakeVin('T', 'L', 99_998);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static string Text<T>(IRenderedComponent<T> cut) where T : Microsoft.AspNetCore.Components.IComponent => System.Net.WebUtility.HtmlDecode(cut.Markup);

    [Fact]
    public async Task Adding_an_authority_member_is_refused_on_the_email_field_and_the_next_try_is_checked_again()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.AuthorityRead, Perm.AuthorityCreate);
        var cut = ctx.RenderWithProviders<AuthorityPage>(p => p.Add(c => c.Id, Authority.RootId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=add-member]")), Wait);

        await cut.Find("[data-testid=add-member]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Contains("Enter the email of a portal user.", Text(cut), StringComparison.Ordinal), Wait);

        cut.Find("#member-email").Input("nobody-here@arc.test");
        await cut.Find("[data-testid=add-member]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Contains("No portal user has the email nobody-here@arc.test.", Text(cut), StringComparison.Ordinal), Wait);
        Assert.DoesNotContain("Enter the email of a portal user.", Text(cut), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Granting_a_vin_nobody_has_is_refused_on_the_vin_field_and_the_button_works_again()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.AuthorityRead, Perm.AuthorityProvision);
        var cut = ctx.RenderWithProviders<AuthorityPage>(p => p.Add(c => c.Id, Authority.RootId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=grant]")), Wait);

        cut.Find("#grant-vin").Input(UnknownVin);
        await cut.Find("[data-testid=grant]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Contains($"Vehicle '{UnknownVin}' does not exist.", Text(cut), StringComparison.Ordinal), Wait);
        Assert.False(cut.Find("[data-testid=grant]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_token_with_a_field_given_twice_is_refused_and_signs_once_the_field_is_removed()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.AuthorityVehicleRead, Perm.AuthorityVehicleSign);
        var cut = ctx.RenderWithProviders<VehicleAuthoritiesTab>(p => p.Add(c => c.Vin, Vin));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=sign]")), Wait);
        var expiry = cut.FindAll("[data-testid=sign-token] button").Single(b => b.TextContent.Contains("Expires in 24 h", StringComparison.Ordinal));
        await expiry.ClickAsync(new MouseEventArgs());
        await cut.FindAll("[data-testid=sign-token] button").Single(b => b.TextContent.Contains("Expires in 24 h", StringComparison.Ordinal)).ClickAsync(new MouseEventArgs());

        await cut.Find("[data-testid=sign]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Contains("The field \"expires\" is given twice.", cut.Find("[data-testid=sign-error]").TextContent, StringComparison.Ordinal), Wait);

        await cut.FindAll("[aria-label='Remove field']")[1].ClickAsync(new MouseEventArgs());
        await cut.Find("[data-testid=sign]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#signed-token")), Wait);
        Assert.Empty(cut.FindAll("[data-testid=sign-error]"));
    }

    [Fact]
    public async Task The_pin_of_a_vehicle_that_does_not_exist_is_refused_with_the_reason()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.AuthorityVehicleRead);
        var cut = ctx.RenderWithProviders<VehiclePinTab>(p => p.Add(c => c.Vin, UnknownVin));

        await cut.Find("[data-testid=show-pin]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Contains($"Vehicle '{UnknownVin}' does not exist.", Text(cut), StringComparison.Ordinal), Wait);
        Assert.Empty(cut.FindAll("[data-testid=factory-pin]"));
    }

    [Fact]
    public async Task An_email_code_is_refused_on_its_field_and_cleared_for_the_next_try()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.UsersRead, Perm.UserProfileWrite);
        var username = await portal.AdminUsernameAsync();
        var cut = ctx.RenderWithProviders<EmailChangeConfirmation>(p => p.Add(c => c.Username, username).Add(c => c.PendingEmail, "new@arc.test"));

        cut.Find("#email-code").Input("12");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Contains("The code is the 6 digits sent to the new address.", Text(cut), StringComparison.Ordinal), Wait);
        Assert.Equal("", cut.Find("#email-code").GetAttribute("value") ?? "");

        cut.Find("#email-code").Input("123456");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Contains("No email change is waiting for a code.", Text(cut), StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task A_backfill_file_with_a_bad_line_is_refused_with_the_reason_and_another_file_can_be_chosen()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.VehicleRead, Perm.TelemetryBackfill);
        var cut = ctx.RenderWithProviders<VehicleBackfillPanel>(p => p.Add(c => c.Vin, Vin));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=backfill]")), Wait);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("not json\n", "bad.ndjson"));
        cut.WaitForAssertion(() => Assert.Contains("The file was not accepted; nothing was written.", cut.Find("[data-testid=backfill-error]").TextContent, StringComparison.Ordinal), Wait);
        Assert.False(cut.Find("#backfill-file").HasAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=backfill-list]"));
    }
}
