using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Arc.Domain.Credentials;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>What the API tests do as a client would: create a credential (as the administrator), ask for a token, call.</summary>
public static class ApiClient
{
    public static async Task<IssuedCredentialSecret> CreateCredentialAsync(PortalServer portal, string name, params string[] groups)
    {
        var admin = await portal.AdminUsernameAsync();
        await using var scope = await portal.AsUserAsync(admin);
        var ids = groups.Select(g => SeedGroups.ByMachineName(g).Id).ToList();
        return await scope.ServiceProvider.GetRequiredService<CreateServiceCredential>()
            .HandleAsync(new NewServiceCredential($"{name} {Guid.NewGuid():N}", "made by a test", ids, DateTimeOffset.UtcNow.AddDays(30)));
    }

    public static async Task<HttpResponseMessage> RequestTokenAsync(HttpClient client, string clientId, string secret) =>
        await client.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));

    public static async Task<string> TokenAsync(HttpClient client, IssuedCredentialSecret credential)
    {
        using var response = await RequestTokenAsync(client, credential.ClientId, credential.Secret);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString(), ignoreCase: true);
        return body.GetProperty("access_token").GetString()!;
    }

    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
