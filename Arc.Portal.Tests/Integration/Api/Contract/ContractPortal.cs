using System.Net.Http.Headers;
using System.Text;
using Arc.Domain.Authorities;
using Arc.Domain.Credentials;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Security;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Api.Contract;

/// <summary>Who sends a contract request: a service credential's token, a signed-in person's cookie, or nobody.</summary>
public enum Caller
{
    Credential,
    Staff,
    Anonymous,
}

/// <summary>A request of a contract case; <see cref="Json"/> or <see cref="Content"/> is its body.</summary>
public sealed record ContractRequest(HttpMethod Method, string Path, Caller As = Caller.Credential, string? Json = null,
    IReadOnlyDictionary<string, string>? Headers = null, Func<HttpContent>? Content = null)
{
    public static ContractRequest Get(string path, Caller As = Caller.Credential) => new(HttpMethod.Get, path, As);

    /// <summary>Sent as the same kind of caller without any permission.</summary>
    public bool WithoutPermissions { get; init; }
}

/// <summary>
/// The portal the contract tests run against, with the four callers they need: a credential of the Administrator group
/// and one of a group without permissions, the administrator signed in, and a signed-in person without groups.
/// </summary>
public sealed class ContractPortal : IAsyncLifetime
{
    private static int _serial = 61_000;
    private readonly Dictionary<(Caller, bool), string> _credentials = [];

    public PortalServer Portal { get; } = new();
    public HttpClient Http { get; private set; } = default!;
    public IssuedCredentialSecret Credential { get; private set; } = default!;
    public ApiDocument Document { get; private set; } = default!;

    public static string NewVin() => "DEV-" + DemoData.MakeVin('T', 'N', Interlocked.Increment(ref _serial));

    public async Task InitializeAsync()
    {
        await Portal.InitializeAsync();
        Http = HttpSignIn.Client(Portal.BaseAddress);
        Document = await ApiDocument.LoadAsync(Http);
        Credential = await ApiClient.CreateCredentialAsync(Portal, "Contract", "all");
        // The authority cases act as a member of the root authority would, on authorities of their own below it.
        await Portal.AddAuthorityMemberAsync(ServiceCredential.ActorPrefix + Credential.ClientId, Authority.RootId);
        _credentials[(Caller.Credential, true)] = "Bearer " + await ApiClient.TokenAsync(Http, Credential);
        var none = await ApiClient.CreateCredentialAsync(Portal, "Contract without permissions", "arcimoto");
        _credentials[(Caller.Credential, false)] = "Bearer " + await ApiClient.TokenAsync(Http, none);
        _credentials[(Caller.Staff, true)] = await CookieAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        var email = $"contract-{Guid.NewGuid():N}@arc.test";
        await Portal.CreateUserAsync(email);
        _credentials[(Caller.Staff, false)] = await CookieAsync(email, PortalServer.UserPassword);
    }

    /// <summary>Sends the request as its caller, or (<paramref name="permitted"/> false) as the same kind of caller without permissions.</summary>
    public async Task<HttpResponseMessage> SendAsync(ContractRequest request, bool permitted = true, Caller? asCaller = null)
    {
        permitted &= !request.WithoutPermissions;
        using var message = new HttpRequestMessage(request.Method, request.Path.TrimStart('/'));
        if (request.Content is not null)
            message.Content = request.Content();
        else if (request.Json is not null)
            message.Content = new StringContent(request.Json, Encoding.UTF8, "application/json");
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
            message.Headers.TryAddWithoutValidation(name, value);
        switch (asCaller ?? request.As)
        {
            case Caller.Credential:
                message.Headers.Authorization = AuthenticationHeaderValue.Parse(_credentials[(Caller.Credential, permitted)]);
                break;
            case Caller.Staff:
                message.Headers.Add("Cookie", _credentials[(Caller.Staff, permitted)]);
                break;
        }
        return await Http.SendAsync(message);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Portal.DisposeAsync();
    }

    private async Task<string> CookieAsync(string email, string password)
    {
        using var signIn = await HttpSignIn.PostAsync(Http, email, password);
        return HttpSignIn.SetCookie(signIn, SessionCookie.DevelopmentName)?.Split(';')[0]
            ?? throw new InvalidOperationException($"Signing in as {email} gave no session cookie ({(int)signIn.StatusCode}).");
    }
}
