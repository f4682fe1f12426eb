using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Arc.Domain.Api;
using Arc.Domain.Credentials;
using Arc.Portal.Security;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>The resource API tests share one portal: they run one after another on it, each with names and VINs of its own.</summary>
[CollectionDefinition(Name)]
public sealed class ResourceApiCollection : ICollectionFixture<ResourceApiPortal>
{
    public const string Name = "Resource API";
}

/// <summary>
/// One running portal for the resource API tests, a plain HTTP client, a service credential's token per set of
/// permission groups (made once), and a client signed in as the administrator with the session cookie.
/// </summary>
public sealed class ResourceApiPortal : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<(IssuedCredentialSecret Credential, string Token)>>> _credentials = new();
    private HttpClient? _admin;

    public PortalServer Portal { get; } = new();
    public HttpClient Client { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await Portal.InitializeAsync();
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Portal.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        _admin?.Dispose();
        await Portal.DisposeAsync();
    }

    /// <summary>A token of a credential in these groups (by machine name), the same credential for the same groups.</summary>
    public async Task<string> TokenAsync(params string[] groups) => (await CredentialAsync(groups)).Token;

    public Task<(IssuedCredentialSecret Credential, string Token)> CredentialAsync(params string[] groups) =>
        _credentials.GetOrAdd(string.Join('+', groups), _ => new Lazy<Task<(IssuedCredentialSecret, string)>>(async () =>
        {
            var credential = await ApiClient.CreateCredentialAsync(Portal, "Resource API " + string.Join('+', groups), groups);
            return (credential, await ApiClient.TokenAsync(Client, credential));
        })).Value;

    /// <summary>The administrator signed in through the sign-in form: calls carry the session cookie, no token.</summary>
    public async Task<HttpClient> AdminCookieClientAsync()
    {
        if (_admin is not null)
            return _admin;
        var client = HttpSignIn.Client(Portal.BaseAddress);
        using var signIn = await HttpSignIn.PostAsync(client, PortalServer.AdminEmail, PortalServer.AdminPassword);
        client.DefaultRequestHeaders.Add("Cookie", HttpSignIn.SetCookie(signIn, SessionCookie.DevelopmentName)!.Split(';')[0]);
        return _admin = client;
    }

    /// <summary>Sends a call with an optional bearer token, JSON body, If-Match and Idempotency-Key.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? json = null, string? ifMatch = null,
        string? idempotencyKey = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (idempotencyKey is not null)
            request.Headers.TryAddWithoutValidation(IdempotencyRules.Header, idempotencyKey);
        return (client ?? Client).SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Asserts the status and, for an error, that the answer is a problem document; returns the body text.</summary>
    public static async Task<string> ExpectAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {status}, got {(int)response.StatusCode}: {body}");
        if (status >= 400)
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }
}
