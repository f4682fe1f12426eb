using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>A portal that signs staff in through an OpenID provider (oidc-provider from npm, started for these tests).</summary>
public sealed class PortalWithProvider : IAsyncLifetime
{
    public PortalServer Portal { get; } = new();
    public NodePeer Provider { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        Portal.Settings["Portal:Oidc:Provider"] = "oidc";
        Portal.Settings["Portal:Oidc:Authority"] = $"http://127.0.0.1:{port}";
        Portal.Settings["Portal:Oidc:ClientId"] = "arc-portal";
        Portal.Settings["Portal:Oidc:ClientSecret"] = "arc-portal-secret";
        Portal.Settings["Portal:Oidc:AllowHttp"] = "true";
        await Portal.InitializeAsync();
        Provider = await NodePeer.StartAsync(Path.Combine(AppContext.BaseDirectory, "scripts", "oidc-provider.mjs"), _ => [], ".well-known/openid-configuration",
            new Dictionary<string, string> { ["ARC_TOOLS"] = NodePeer.ToolsDirectory, ["REDIRECT_URI"] = RedirectUri.ToString() }, port);
    }

    public Uri RedirectUri => new(Portal.BaseAddress, "signin-oidc");

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>
/// Staff call the API with the provider's own token, as the old Cognito authorizer allowed: an ID token of the portal's
/// client, for an enabled portal user already linked to that identity, acts with that user's permissions. Every other
/// token is refused with 401: unlinked, disabled, lacking the second factor its account requires, issued to another
/// application, or altered.
/// </summary>
public sealed partial class ProviderTokenApiTests(PortalWithProvider fixture) : IClassFixture<PortalWithProvider>
{
    private PortalServer Portal => fixture.Portal;

    private async Task<string> LinkedUserAsync(string email, params string[] permissions)
    {
        var username = await Portal.CreateUserAsync(email);
        if (permissions.Length > 0)
            await Portal.AddToGroupAsync(username, await Portal.CreateGroupAsync($"provider api {Guid.NewGuid():N}", permissions));
        await using var db = Portal.CreateDb();
        // What the first sign-in through the provider does: the account remembers the provider's subject (here the login).
        await db.Set<Arc.Domain.Users.User>().Where(u => u.Username == username).ExecuteUpdateAsync(s => s.SetProperty(u => u.ExternalSubject, "oidc|" + email));
        return username;
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private HttpClient PortalClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Portal.BaseAddress };

    [Fact]
    public void Only_a_signed_token_whose_issuer_is_the_provider_is_routed_to_the_provider()
    {
        const string issuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc";
        static string Part(object value) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value));
        static string Jwt(object payload) => $"{Part(new { alg = "RS256", typ = "JWT" })}.{Part(payload)}.c2ln";

        Assert.True(Arc.Portal.Auth.ProviderBearer.IsProviderToken(Jwt(new { iss = issuer, sub = "x" }), issuer));
        Assert.True(Arc.Portal.Auth.ProviderBearer.IsProviderToken(Jwt(new { iss = issuer + "/" }), issuer));
        // The portal's own tokens, and anything that is not plainly the provider's, go to the portal's own validation.
        Assert.False(Arc.Portal.Auth.ProviderBearer.IsProviderToken(Jwt(new { iss = "http://127.0.0.1:5000/" }), issuer));
        Assert.False(Arc.Portal.Auth.ProviderBearer.IsProviderToken(Jwt(new { sub = "no issuer" }), issuer));
        Assert.False(Arc.Portal.Auth.ProviderBearer.IsProviderToken(Jwt(new { iss = 42 }), issuer));
        Assert.False(Arc.Portal.Auth.ProviderBearer.IsProviderToken(Jwt(new[] { issuer }), issuer));
        Assert.False(Arc.Portal.Auth.ProviderBearer.IsProviderToken("a.b.c.d.e", issuer));
        Assert.False(Arc.Portal.Auth.ProviderBearer.IsProviderToken("not.a!token.at-all", issuer));
        Assert.False(Arc.Portal.Auth.ProviderBearer.IsProviderToken($"x.{new string('A', 20_000)}.y", issuer));
    }

    [Fact]
    public async Task A_linked_users_id_token_reads_vehicles_with_that_users_permissions_and_nothing_more()
    {
        var reader = $"token-reader-{Guid.NewGuid():N}@arc.test";
        await LinkedUserAsync(reader, Perm.VehicleRead);
        var stranger = $"token-none-{Guid.NewGuid():N}@arc.test";
        var strangerName = await LinkedUserAsync(stranger);
        using var client = PortalClient();

        using var list = await GetAsync(client, "api/v1/vehicles?pageSize=3", await IdTokenAsync(reader));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(3, (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength());

        using var refused = await GetAsync(client, "api/v1/vehicles", await IdTokenAsync(stranger));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        // A use case sees the person: a vehicle outside their fleets is refused to them by name in the audit log.
        using var one = await GetAsync(client, $"api/v1/vehicles/{DemoVins.First}", await IdTokenAsync(stranger));
        Assert.Equal(HttpStatusCode.Forbidden, one.StatusCode);
        await using var db = Portal.CreateDb();
        Assert.True(await db.AuditSet.AnyAsync(e => e.Actor == strangerName && e.Action == Arc.Domain.Audit.AuditActions.AccessDenied),
            "the refusal is audited under the token's user");
    }

    [Fact]
    public async Task Unlinked_disabled_foreign_and_altered_tokens_are_refused_and_pages_ignore_bearer_tokens()
    {
        using var client = PortalClient();
        var unlinked = $"token-unlinked-{Guid.NewGuid():N}@arc.test";
        await Portal.CreateUserAsync(unlinked);
        var disabled = $"token-disabled-{Guid.NewGuid():N}@arc.test";
        var disabledName = await LinkedUserAsync(disabled, Perm.VehicleRead);
        await using (var db = Portal.CreateDb())
            await db.Set<Arc.Domain.Users.User>().Where(u => u.Username == disabledName).ExecuteUpdateAsync(s => s.SetProperty(u => u.Enabled, false));
        var secondFactor = $"token-mfa-{Guid.NewGuid():N}@arc.test";
        var secondFactorName = await LinkedUserAsync(secondFactor, Perm.VehicleRead);
        await using (var db = Portal.CreateDb())
            await db.Set<Arc.Domain.Users.User>().Where(u => u.Username == secondFactorName)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Mfa, Arc.Domain.Users.MfaPreference.Required));
        var reader = $"token-reader-{Guid.NewGuid():N}@arc.test";
        await LinkedUserAsync(reader, Perm.VehicleRead);
        var good = await IdTokenAsync(reader);
        var altered = good[..^4] + (good[^4] == 'A' ? "B" : "A") + good[^3..];

        foreach (var (what, token) in new[]
        {
            ("unlinked", await IdTokenAsync(unlinked)),
            ("disabled", await IdTokenAsync(disabled)),
            // The account needs a second factor and the provider asserted none (no amr): a call cannot ask for the code.
            ("second-factor-less", await IdTokenAsync(secondFactor)),
            ("another application's", await IdTokenAsync(reader, "other-app", "other-app-secret")),
            ("altered", altered),
        })
        {
            using var response = await GetAsync(client, "api/v1/vehicles", token);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"a {what} token was answered {(int)response.StatusCode}");
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        using var page = await GetAsync(client, "vehicles", good);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("account/login", page.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// An ID token from the provider as a person gets one: the authorization code flow with PKCE, through the provider's
    /// login and consent forms, and the code exchanged at its token endpoint.
    /// </summary>
    private async Task<string> IdTokenAsync(string login, string clientId = "arc-portal", string secret = "arc-portal-secret")
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var provider = new HttpClient(handler) { BaseAddress = fixture.Provider.Url };
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var redirect = fixture.RedirectUri.ToString();
        var next = $"auth?client_id={clientId}&response_type=code&scope=openid%20email&state=s1&nonce=n1&code_challenge_method=S256"
            + $"&code_challenge={challenge}&redirect_uri={Uri.EscapeDataString(redirect)}";
        var response = await provider.GetAsync(next);
        for (var step = 0; step < 12; step++)
        {
            var current = response;
            try
            {
                if (current.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found)
                {
                    var location = new Uri(fixture.Provider.Url, current.Headers.Location!);
                    if (location.ToString().StartsWith(redirect, StringComparison.Ordinal))
                        return await ExchangeAsync(provider, System.Web.HttpUtility.ParseQueryString(location.Query)["code"]!, redirect, clientId, secret, verifier);
                    response = await provider.GetAsync(location);
                    continue;
                }
                var html = await current.Content.ReadAsStringAsync();
                Assert.True(current.IsSuccessStatusCode, html);
                var action = FormAction().Match(html).Groups[1].Value;
                var prompt = Prompt().Match(html).Groups[1].Value;
                var fields = new Dictionary<string, string> { ["prompt"] = prompt };
                if (prompt == "login")
                    (fields["login"], fields["password"]) = (login, "any");
                response = await provider.PostAsync(new Uri(fixture.Provider.Url, WebUtility.HtmlDecode(action)), new FormUrlEncodedContent(fields));
            }
            finally
            {
                current.Dispose();
            }
        }
        throw new InvalidOperationException("The provider's sign-in did not come back with a code.");
    }

    private static async Task<string> ExchangeAsync(HttpClient provider, string code, string redirect, string clientId, string secret, string verifier)
    {
        using var token = await provider.PostAsync("token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirect,
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["code_verifier"] = verifier,
        }));
        var body = await token.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(token.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("id_token").GetString()!;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("name=\"prompt\" value=\"([a-z]+)\"")]
    private static partial Regex Prompt();
}
