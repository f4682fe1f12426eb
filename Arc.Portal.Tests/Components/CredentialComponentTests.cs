using Arc.Domain.Credentials;
using Arc.Domain.Permissions;
using Arc.Portal.Components.Credentials;
using Arc.Portal.Tests.Integration.Api;
using Arc.Portal.Tests.Support;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Arc.Portal.Tests.Components;

/// <summary>The service credentials page: what a reader sees, the create form's refusals, rotation showing the new secret once, revocation.</summary>
public sealed class CredentialComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_reader_sees_name_client_id_groups_and_status_but_no_way_to_change_anything()
    {
        var issued = await ApiClient.CreateCredentialAsync(portal, "Reader view", "support");
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.CredentialRead);
        var cut = ctx.RenderWithProviders<CredentialsPage>();

        cut.WaitForAssertion(() => Assert.Contains(issued.ClientId, cut.Find("[data-testid=credential-table]").TextContent, StringComparison.Ordinal), Wait);
        var row = cut.FindAll("[data-testid=credential-table] tbody tr").Single(r => r.TextContent.Contains(issued.ClientId, StringComparison.Ordinal));
        Assert.Contains("Reader view", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Arcimoto Support", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Active", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Never", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Secret, cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=new-credential], [data-testid=rotate], [data-testid=revoke]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=export-csv]"));
    }

    [Fact]
    public async Task Creating_without_a_name_or_with_a_past_expiry_is_refused_on_the_field_and_nothing_is_saved()
    {
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.CredentialRead, Perm.CredentialWrite, Perm.GroupsRead);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<CredentialsPage>();
        await using var db = portal.CreateDb();
        var before = await db.Set<ServiceCredential>().CountAsync();

        cut.WaitForElement("[data-testid=new-credential]", Wait).Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=create-credential]"), Wait);
        dialogs.Find("form#credential-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("Give the credential a name", dialogs.Markup, StringComparison.Ordinal), Wait);

        dialogs.Find("#credential-name").Change("<b>Line</b> \u202E2");
        dialogs.Find("form#credential-form").Submit();
        dialogs.WaitForAssertion(() => Assert.Contains("control or invisible characters", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(before, await db.Set<ServiceCredential>().CountAsync());
        Assert.Empty(dialogs.FindAll("[data-testid=secret-warning]"));
    }

    [Fact]
    public async Task Rotating_shows_the_new_secret_once_with_a_warning_and_revoking_asks_first()
    {
        var issued = await ApiClient.CreateCredentialAsync(portal, "Rotate me", "support");
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.CredentialRead, Perm.CredentialWrite, Perm.VehicleRead, Perm.AuthorityVehicleRead, Perm.FirmwareVehicleRead);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<CredentialsPage>();
        AngleSharp.Dom.IElement Row() => cut.FindAll("[data-testid=credential-table] tbody tr").Single(r => r.TextContent.Contains(issued.ClientId, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Row(), Wait);

        await cut.InvokeAsync(() => Row().QuerySelector("[data-testid=rotate]")!.Click());
        dialogs.WaitForElement("[data-testid=rotate-credential]", Wait).Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=secret-warning]"), Wait);
        Assert.Contains("shown only this once", dialogs.Markup, StringComparison.Ordinal);
        var secret = dialogs.Find("#issued-secret").GetAttribute("value")!;
        Assert.StartsWith(CredentialSecrets.SecretPrefix, secret, StringComparison.Ordinal);
        Assert.NotEqual(issued.Secret, secret);
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=credential-done]").Click());
        cut.WaitForAssertion(() => Assert.NotNull(Row().QuerySelector("[data-testid=credential-overlap]")), Wait);
        Assert.DoesNotContain(secret, cut.Markup, StringComparison.Ordinal);

        await cut.InvokeAsync(() => Row().QuerySelector("[data-testid=revoke]")!.Click());
        dialogs.WaitForAssertion(() => Assert.Contains("Revoke Rotate me", dialogs.Markup, StringComparison.Ordinal), Wait);
        await dialogs.InvokeAsync(() => AlarmComponentTests.Button(dialogs, "Cancel").Click());
        await using (var db = portal.CreateDb())
            Assert.Null((await db.Set<ServiceCredential>().SingleAsync(c => c.Id == issued.CredentialId)).RevokedAt);
        await cut.InvokeAsync(() => Row().QuerySelector("[data-testid=revoke]")!.Click());
        dialogs.WaitForAssertion(() => AlarmComponentTests.Button(dialogs, "Revoke"), Wait);
        await dialogs.InvokeAsync(() => AlarmComponentTests.Button(dialogs, "Revoke").Click());
        cut.WaitForAssertion(() => Assert.Contains("Revoked", Row().TextContent, StringComparison.Ordinal), Wait);
        Assert.Null(Row().QuerySelector("[data-testid=rotate]"));
    }
}

/// <summary>A credential proved by certificate on the page: marked as such, and rotation gives it a new certificate and key, shown once.</summary>
public sealed class CertificateCredentialComponentTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Rotating_a_certificate_credential_shows_the_new_certificate_once_and_keeps_the_old_one_for_the_overlap()
    {
        IssuedCredentialCertificate issued;
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            issued = await scope.ServiceProvider.GetRequiredService<CreateCertificateCredential>().HandleAsync(new NewServiceCredential(
                "Partner " + Guid.NewGuid().ToString("N")[..8], null, [SeedGroups.ByMachineName("support").Id], DateTimeOffset.UtcNow.AddDays(20)));
        await using var ctx = await ComponentHost.CreateAsync(portal, Perm.CredentialRead, Perm.CredentialWrite, Perm.VehicleRead, Perm.AuthorityVehicleRead, Perm.FirmwareVehicleRead);
        var dialogs = ctx.Render<MudDialogProvider>();
        ctx.Render<MudSnackbarProvider>();
        var cut = ctx.RenderWithProviders<CredentialsPage>();
        AngleSharp.Dom.IElement Row() => cut.FindAll("[data-testid=credential-table] tbody tr").Single(r => r.TextContent.Contains(issued.ClientId, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal("Client certificate", Row().QuerySelector("[data-testid=credential-proof]")!.TextContent.Trim()), Wait);

        await cut.InvokeAsync(() => Row().QuerySelector("[data-testid=rotate]")!.Click());
        dialogs.WaitForAssertion(() => Assert.Contains("gets a new certificate", dialogs.Markup, StringComparison.Ordinal), Wait);
        dialogs.Find("[data-testid=rotate-credential]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=certificate-warning]"), Wait);
        Assert.Empty(dialogs.FindAll("[data-testid=secret-warning]"));
        var thumbprint = dialogs.Find("#issued-thumbprint").GetAttribute("value")!;
        Assert.Matches("^[0-9a-f]{64}$", thumbprint);
        Assert.NotEqual(issued.Certificate.Thumbprint, thumbprint);
        Assert.NotEmpty(dialogs.FindAll("[data-testid=download-key]"));
        Assert.Equal("I have saved the key", dialogs.Find("[data-testid=credential-done]").TextContent.Trim());
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=credential-done]").Click());
        cut.WaitForAssertion(() => Assert.StartsWith("Old certificate valid until", Row().QuerySelector("[data-testid=credential-overlap]")!.TextContent.Trim(), StringComparison.Ordinal), Wait);

        await using var db = portal.CreateDb();
        var rows = await db.Set<ServiceCredentialSecret>().Where(s => s.CredentialId == issued.CredentialId).OrderBy(s => s.Id).ToListAsync();
        Assert.Equal([issued.Certificate.Thumbprint, thumbprint], rows.Select(r => r.CertificateThumbprint));
        Assert.NotNull(rows[0].ExpiresAt);
        Assert.Null(rows[1].ExpiresAt);
    }
}
