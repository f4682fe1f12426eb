using Arc.Domain.Audit;
using Arc.Domain.Users;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Linking and signing in accounts an OpenID provider vouches for, Entra ID by tenant and object id.</summary>
public sealed class ExternalAccountTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private const string Tenant = "6f1c2b3a-0d4e-4f5a-9b8c-7d6e5f4a3b2c";
    private const string OtherTenant = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    private async Task<SignInResult> SignInAsync(ExternalIdentity identity)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var signIn = ActivatorUtilities.CreateInstance<SignInWithExternalAccount>(scope.ServiceProvider, new ExternalAccountSettings(Tenant));
        return await signIn.HandleAsync(identity);
    }

    /// <summary>An Entra token; its email counts as verified only with the <c>xms_edov</c> claim, which the tests set unless told not to.</summary>
    private static ExternalIdentity Entra(string? tenant, string? objectId, string? email, bool emailVerified = true) =>
        new(ExternalIdentity.Entra, objectId, email, emailVerified, tenant);

    private async Task<(string Email, string Username)> CreateUserAsync(string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@arc.test";
        return (email, await portal.CreateUserAsync(email, "support"));
    }

    private async Task<string?> LinkOfAsync(string username)
    {
        await using var db = portal.CreateDb();
        return await db.UserSet.Where(u => u.Username == username).Select(u => u.ExternalSubject).SingleAsync();
    }

    [Fact]
    public async Task An_entra_account_of_another_tenant_is_refused_even_with_a_matching_email()
    {
        var (email, username) = await CreateUserAsync("otto");
        var result = await SignInAsync(Entra(OtherTenant, Guid.NewGuid().ToString(), email));
        Assert.Equal(SignInOutcome.InvalidCredentials, result.Outcome);
        Assert.Equal("Accounts of another Microsoft Entra organisation cannot sign in to this portal.", result.Message);
        Assert.Null(await LinkOfAsync(username));
        await using var db = portal.CreateDb();
        Assert.True(await db.AuditSet.AnyAsync(a => a.Action == AuditActions.UserSignInFailed && a.Summary.Contains("another tenant")));
    }

    [Theory]
    [InlineData(null, "b4f7e1a2-3c5d-4e6f-8a9b-0c1d2e3f4a5b")]
    [InlineData(Tenant, null)]
    [InlineData(Tenant, " ")]
    public async Task An_entra_token_without_tenant_or_object_id_is_refused(string? tenant, string? objectId)
    {
        var (email, username) = await CreateUserAsync("nina");
        var result = await SignInAsync(Entra(tenant, objectId, email));
        Assert.False(result.Succeeded);
        Assert.Equal("The sign-in service did not say who you are.", result.Message);
        Assert.Null(await LinkOfAsync(username));
    }

    [Fact]
    public async Task The_same_tenant_and_object_id_link_once_and_sign_in_from_then_on()
    {
        var (email, username) = await CreateUserAsync("oona");
        var objectId = Guid.NewGuid().ToString();
        var first = await SignInAsync(Entra(Tenant, objectId, email.ToUpperInvariant()));
        Assert.True(first.Succeeded);
        Assert.Equal(username, first.User!.Username);
        Assert.Equal($"entra|{Tenant}|{objectId}", await LinkOfAsync(username));
        // Later the account is found by its ids, whatever the token's email says.
        var later = await SignInAsync(Entra(Tenant, objectId, "renamed@elsewhere.test"));
        Assert.True(later.Succeeded);
        Assert.Equal(username, later.User!.Username);
    }

    [Fact]
    public async Task Another_object_id_with_the_same_email_does_not_take_over_a_linked_account()
    {
        var (email, username) = await CreateUserAsync("pia");
        var objectId = Guid.NewGuid().ToString();
        Assert.True((await SignInAsync(Entra(Tenant, objectId, email))).Succeeded);
        var intruder = await SignInAsync(Entra(Tenant, Guid.NewGuid().ToString(), email));
        Assert.Equal(SignInOutcome.InvalidCredentials, intruder.Outcome);
        Assert.Null(intruder.User);
        Assert.Equal($"entra|{Tenant}|{objectId}", await LinkOfAsync(username));
    }

    [Fact]
    public async Task An_entra_email_the_tenant_did_not_verify_links_nobody_even_in_the_configured_tenant()
    {
        var (email, username) = await CreateUserAsync("vera");
        var result = await SignInAsync(Entra(Tenant, Guid.NewGuid().ToString(), email, emailVerified: false));
        Assert.False(result.Succeeded);
        Assert.Null(await LinkOfAsync(username));
    }

    [Fact]
    public async Task A_link_made_before_the_tenant_was_recorded_moves_to_the_tenant_and_object_id()
    {
        var (_, username) = await CreateUserAsync("quin");
        var objectId = Guid.NewGuid().ToString();
        await using (var db = portal.CreateDb())
            await db.UserSet.Where(u => u.Username == username).ExecuteUpdateAsync(s => s.SetProperty(u => u.ExternalSubject, $"entra|{objectId}"));
        Assert.True((await SignInAsync(Entra(Tenant, objectId, null))).Succeeded);
        Assert.Equal($"entra|{Tenant}|{objectId}", await LinkOfAsync(username));
        Assert.False((await SignInAsync(Entra(OtherTenant, objectId, null))).Succeeded);
    }

    [Fact]
    public async Task A_generic_provider_links_by_email_only_when_it_says_the_email_is_verified()
    {
        var (email, username) = await CreateUserAsync("rae");
        Assert.False((await SignInAsync(new ExternalIdentity("oidc", "subject-1", email, EmailVerified: false))).Succeeded);
        Assert.Null(await LinkOfAsync(username));
        Assert.True((await SignInAsync(new ExternalIdentity("oidc", "subject-1", email, EmailVerified: true))).Succeeded);
        Assert.Equal("oidc|subject-1", await LinkOfAsync(username));
    }

    private async Task<(string Email, string Username)> MfaRequiredAsync(string name, bool withAuthenticator)
    {
        var (email, username) = await CreateUserAsync(name);
        await using var db = portal.CreateDb();
        var user = await db.UserSet.SingleAsync(u => u.Username == username);
        user.Mfa = MfaPreference.Required;
        if (withAuthenticator)
        {
            var sealedSecret = await portal.Services.GetRequiredService<Arc.Domain.Authorities.IKeyVault>().SealAsync(new byte[20], Arc.Domain.Authorities.SealContext.Totp(username));
            (user.TotpCiphertext, user.TotpKeyReference, user.TotpEnabled) = (sealedSecret.Ciphertext, sealedSecret.KeyReference, true);
        }
        await db.SaveChangesAsync();
        return (email, username);
    }

    private static ExternalIdentity Oidc(string email, bool mfa) => new("oidc", email, email, EmailVerified: true, MfaAsserted: mfa);

    [Fact]
    public async Task An_mfa_required_account_is_refused_an_openid_sign_in_without_a_second_factor()
    {
        var (email, username) = await MfaRequiredAsync("no-second", withAuthenticator: false);
        var result = await SignInAsync(Oidc(email, mfa: false));
        Assert.Equal(SignInOutcome.MfaRequired, result.Outcome);
        await using var db = portal.CreateDb();
        Assert.Null(await db.UserSet.Where(u => u.Username == username).Select(u => u.LastSignIn).SingleAsync());
        Assert.Null(await LinkOfAsync(username)); // a refused sign-in links nothing
        Assert.True(await db.AuditSet.AnyAsync(a => a.EntityId == username && a.Action == AuditActions.UserSignInFailed && a.Summary.Contains("no second factor")));
    }

    [Fact]
    public async Task An_mfa_required_account_with_an_authenticator_goes_on_to_the_code_step()
    {
        var (email, username) = await MfaRequiredAsync("code-step", withAuthenticator: true);
        var result = await SignInAsync(Oidc(email, mfa: false));
        Assert.Equal((SignInOutcome.CodeRequired, username), (result.Outcome, result.User!.Username));
        await using var db = portal.CreateDb();
        Assert.Null(await db.UserSet.Where(u => u.Username == username).Select(u => u.LastSignIn).SingleAsync());
    }

    [Fact]
    public async Task A_second_factor_asserted_by_the_provider_satisfies_an_mfa_required_account()
    {
        var (email, _) = await MfaRequiredAsync("asserted", withAuthenticator: false);
        Assert.True((await SignInAsync(Oidc(email, mfa: true))).Succeeded);
    }

    [Theory]
    [InlineData("amr", new[] { "pwd", "mfa" }, true)]
    [InlineData("amr", new[] { "pwd", "otp" }, true)]
    [InlineData("http://schemas.microsoft.com/claims/authnmethodsreferences", new[] { "pwd", "mfa" }, true)]
    [InlineData("amr", new[] { "pwd" }, false)]
    [InlineData("amr", new string[0], false)]
    [InlineData("acr", new[] { "mfa" }, false)]
    public void The_amr_claim_decides_whether_the_provider_asserted_a_second_factor(string claimType, string[] methods, bool asserted)
    {
        var claims = methods.Select(m => new System.Security.Claims.Claim(claimType, m)).Append(new System.Security.Claims.Claim("sub", "someone"));
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(claims, "oidc"));
        Assert.Equal(asserted, Arc.Portal.Auth.ExternalSignIn.Identity("oidc", principal).MfaAsserted);
    }
}

public sealed class EntraSettingsTests
{
    private static PortalServer EntraPortal(string? tenant)
    {
        var portal = new PortalServer
        {
            Settings =
            {
                ["Portal:Oidc:Provider"] = "entra",
                ["AzureAd:Instance"] = "https://login.microsoftonline.com/",
                ["AzureAd:ClientId"] = "11111111-2222-3333-4444-555555555555",
                ["AzureAd:CallbackPath"] = "/signin-oidc",
            },
        };
        if (tenant is not null)
            portal.Settings["AzureAd:TenantId"] = tenant;
        return portal;
    }

    [Theory]
    [InlineData("common", "multi-tenant authority")]
    [InlineData("organizations", "multi-tenant authority")]
    [InlineData("Consumers", "multi-tenant authority")]
    [InlineData(null, "AzureAd:TenantId is missing")]
    [InlineData("contoso.onmicrosoft.com", "must be your tenant's id (a GUID)")]
    public async Task The_portal_refuses_to_start_with_entra_open_to_other_tenants(string? tenant, string message)
    {
        var portal = EntraPortal(tenant);
        try
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(portal.InitializeAsync);
            Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await portal.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_portal_starts_with_one_tenant_and_accepts_only_its_accounts()
    {
        var portal = EntraPortal("6F1C2B3A-0D4E-4F5A-9B8C-7D6E5F4A3B2C");
        try
        {
            await portal.InitializeAsync();
            Assert.Equal("6f1c2b3a-0d4e-4f5a-9b8c-7d6e5f4a3b2c", portal.Services.GetRequiredService<ExternalAccountSettings>().EntraTenantId);
        }
        finally
        {
            await portal.DisposeAsync();
        }
    }
}
