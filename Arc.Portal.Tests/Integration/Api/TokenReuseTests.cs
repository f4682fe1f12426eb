using System.Net;
using Arc.Domain.Credentials;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// A token used once is remembered rather than checked with RSA again (ValidatedTokens), and that changes nothing a
/// caller can get away with: a remembered token of a revoked credential is refused, a token altered by one character is
/// checked in full and refused, and an expired token is refused however recently it worked. The portal's tokens live
/// three seconds here, so expiry is seen without a fake clock.
/// </summary>
public sealed class TokenReuseTests(TokenReuseTests.ShortTokens fixture) : IClassFixture<TokenReuseTests.ShortTokens>
{
    public sealed class ShortTokens : IAsyncLifetime
    {
        public PortalServer Portal { get; } = new() { Settings = { ["Api:Tokens:AccessTokenLifetime"] = "00:00:03" } };

        public Task InitializeAsync() => Portal.InitializeAsync();

        public Task DisposeAsync() => Portal.DisposeAsync();
    }

    private PortalServer Portal => fixture.Portal;

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Portal.BaseAddress };

    private static Task<HttpStatusCode> CallAsync(HttpClient client, string token) => StatusAsync(ApiClient.GetAsync(client, "api/v1/vehicles?pageSize=1", token));

    private static async Task<HttpStatusCode> StatusAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        return response.StatusCode;
    }

    /// <summary>A new credential of the support group and a token of it that has just worked once.</summary>
    private async Task<(IssuedCredentialSecret Credential, string Token)> UsedTokenAsync(HttpClient client, string name)
    {
        var credential = await ApiClient.CreateCredentialAsync(Portal, name, "support");
        var token = await ApiClient.TokenAsync(client, credential);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(client, token));
        return (credential, token);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_its_credential_is_revoked()
    {
        using var client = Client();
        var (credential, token) = await UsedTokenAsync(client, "Remembered then revoked");
        Assert.True(Portal.Services.GetRequiredService<Arc.Portal.Auth.ValidatedTokens>().Remembers(token));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(client, token));

        await using (var scope = await Portal.AsUserAsync(await Portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<RevokeServiceCredential>().HandleAsync(credential.CredentialId);
        // The credential's state is cached for up to 10 s per node; the revocation itself clears it at once.
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(client, token));
    }

    [Fact]
    public async Task A_token_altered_after_the_genuine_one_worked_is_refused_and_the_genuine_one_still_works()
    {
        using var client = Client();
        var (_, token) = await UsedTokenAsync(client, "Altered");

        // One character of the signature, and one of the claims (its payload), changed.
        var parts = token.Split('.');
        string Changed(string part) => part[..^2] + (part[^2] == 'A' ? 'B' : 'A') + part[^1];
        var remembered = Portal.Services.GetRequiredService<Arc.Portal.Auth.ValidatedTokens>();
        foreach (var forged in new[] { $"{parts[0]}.{parts[1]}.{Changed(parts[2])}", $"{parts[0]}.{Changed(parts[1])}.{parts[2]}" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(client, forged));
            Assert.False(remembered.Remembers(forged));
        }
        Assert.Equal(HttpStatusCode.OK, await CallAsync(client, token));
    }

    [Fact]
    public async Task A_token_that_worked_a_moment_ago_is_refused_once_it_has_expired()
    {
        using var client = Client();
        var (credential, token) = await UsedTokenAsync(client, "Expiring");

        await Eventually.ReturnsAsync(() => CallAsync(client, token), status => status == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(15),
            "the expired token being refused");
        // A new token works again.
        Assert.Equal(HttpStatusCode.OK, await CallAsync(client, await ApiClient.TokenAsync(client, credential)));
    }
}
