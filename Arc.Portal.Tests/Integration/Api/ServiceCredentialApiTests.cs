using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arc.Domain.Audit;
using Arc.Domain.Credentials;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// The HTTP API end to end against the running portal: a credential's token from /connect/token, the vehicle routes
/// with it, and every way a call is refused (no token, a credential without the permission, revoked, rotated out,
/// a wrong secret).
/// </summary>
public sealed class ServiceCredentialApiTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress };

    [Fact]
    public async Task A_credential_with_vehicle_read_lists_and_reads_vehicles_and_its_calls_are_attributed_to_it()
    {
        using var client = Client();
        var credential = await ApiClient.CreateCredentialAsync(portal, "Factory line", "support");
        var token = await ApiClient.TokenAsync(client, credential);

        using var list = await ApiClient.GetAsync(client, "api/v1/vehicles?pageSize=5&sort=created&desc=true", token);
        var page = await list.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(5, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("totalCount").GetInt32() >= 5);
        Assert.Equal("no-store", list.Headers.CacheControl?.ToString());

        using var one = await ApiClient.GetAsync(client, $"api/v1/vehicles/{DemoVins.First}", token);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(DemoVins.First, (await one.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("vin").GetString());

        await using var db = portal.CreateDb();
        var stored = await db.Set<ServiceCredential>().Include(c => c.Secrets).SingleAsync(c => c.Id == credential.CredentialId);
        Assert.NotNull(stored.LastUsedAt);
        Assert.DoesNotContain(credential.Secret, stored.Secrets.Single().Hash, StringComparison.Ordinal);
        Assert.True(await db.AuditSet.AnyAsync(e => e.Action == AuditActions.CredentialTokenIssued && e.Actor == "credential:" + credential.ClientId));
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_with_www_authenticate_and_never_redirects_to_sign_in()
    {
        using var client = Client();
        using var none = await ApiClient.GetAsync(client, "api/v1/vehicles", null);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("Bearer", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var forged = await ApiClient.GetAsync(client, $"api/v1/vehicles/{DemoVins.First}", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Contains("invalid_token", forged.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_whose_groups_lack_vehicle_read_is_refused_with_403()
    {
        using var client = Client();
        var credential = await ApiClient.CreateCredentialAsync(portal, "Accounting", "fleets_admin");
        var token = await ApiClient.TokenAsync(client, credential);

        using var list = await ApiClient.GetAsync(client, "api/v1/vehicles", token);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        using var one = await ApiClient.GetAsync(client, $"api/v1/vehicles/{DemoVins.First}", token);
        Assert.Equal(HttpStatusCode.Forbidden, one.StatusCode);
        Assert.Equal("application/problem+json", one.Content.Headers.ContentType?.MediaType);
        await using var db = portal.CreateDb();
        Assert.True(await db.AuditSet.AnyAsync(e => e.Action == AuditActions.AccessDenied && e.Actor == "credential:" + credential.ClientId));
    }

    [Fact]
    public async Task A_revoked_credential_gets_no_token_and_its_token_is_refused()
    {
        using var client = Client();
        var credential = await ApiClient.CreateCredentialAsync(portal, "Revoked", "support");
        var token = await ApiClient.TokenAsync(client, credential);
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<RevokeServiceCredential>().HandleAsync(credential.CredentialId);

        using var refusedToken = await ApiClient.RequestTokenAsync(client, credential.ClientId, credential.Secret);
        Assert.Equal("invalid_client", (await refusedToken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.False(refusedToken.IsSuccessStatusCode);
        using var call = await ApiClient.GetAsync(client, "api/v1/vehicles", token);
        Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
    }

    [Fact]
    public async Task A_wrong_secret_or_unknown_client_is_invalid_client_and_the_refusal_is_audited()
    {
        using var client = Client();
        var credential = await ApiClient.CreateCredentialAsync(portal, "Wrong secret", "support");
        using var wrong = await ApiClient.RequestTokenAsync(client, credential.ClientId, credential.Secret + "x");
        using var unknown = await ApiClient.RequestTokenAsync(client, "arc-0000000000", credential.Secret);
        using var hostile = await ApiClient.RequestTokenAsync(client, new string('a', 5000), "'; DROP TABLE users; --");
        foreach (var response in new[] { wrong, unknown, hostile })
        {
            Assert.False(response.IsSuccessStatusCode);
            Assert.Equal("invalid_client", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }
        await using var db = portal.CreateDb();
        Assert.True(await db.AuditSet.AnyAsync(e => e.Action == AuditActions.CredentialTokenRefused
            && e.EntityId == credential.CredentialId.ToString() && e.Summary.Contains("wrong secret")));
    }

    [Fact]
    public async Task After_a_rotation_without_overlap_the_old_secret_and_its_tokens_are_refused_and_the_new_one_works()
    {
        using var client = Client();
        var credential = await ApiClient.CreateCredentialAsync(portal, "Rotated", "support");
        var oldToken = await ApiClient.TokenAsync(client, credential);
        IssuedCredentialSecret rotated;
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            rotated = await scope.ServiceProvider.GetRequiredService<RotateServiceCredentialSecret>().HandleAsync(credential.CredentialId, TimeSpan.Zero);

        using var old = await ApiClient.RequestTokenAsync(client, credential.ClientId, credential.Secret);
        Assert.Equal("invalid_client", (await old.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        using var oldCall = await ApiClient.GetAsync(client, "api/v1/vehicles", oldToken);
        Assert.Equal(HttpStatusCode.Unauthorized, oldCall.StatusCode);
        using var newCall = await ApiClient.GetAsync(client, "api/v1/vehicles", await ApiClient.TokenAsync(client, rotated));
        Assert.Equal(HttpStatusCode.OK, newCall.StatusCode);
    }

    [Fact]
    public async Task During_a_rotation_overlap_both_secrets_get_tokens()
    {
        using var client = Client();
        var credential = await ApiClient.CreateCredentialAsync(portal, "Overlap", "support");
        IssuedCredentialSecret rotated;
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            rotated = await scope.ServiceProvider.GetRequiredService<RotateServiceCredentialSecret>().HandleAsync(credential.CredentialId, TimeSpan.FromHours(1));
        Assert.Equal(credential.ClientId, rotated.ClientId);
        Assert.NotEqual(credential.Secret, rotated.Secret);
        foreach (var secret in new[] { credential, rotated })
        {
            using var call = await ApiClient.GetAsync(client, "api/v1/vehicles?pageSize=1", await ApiClient.TokenAsync(client, secret));
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        }
    }

    [Fact]
    public async Task Malformed_query_values_are_400_problems_naming_the_field()
    {
        using var client = Client();
        var token = await ApiClient.TokenAsync(client, await ApiClient.CreateCredentialAsync(portal, "Bad input", "support"));
        foreach (var query in new[] { "page=abc", "pageSize=100000", "sort=drop%20table", "desc=maybe", "vin=%3Cscript%3E", "model=1e9" })
        {
            using var response = await ApiClient.GetAsync(client, "api/v1/vehicles?" + query, token);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using var badVin = await ApiClient.GetAsync(client, "api/v1/vehicles/not-a-vin", token);
        Assert.Equal(HttpStatusCode.BadRequest, badVin.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_vehicle_routes_the_client_credentials_scheme_and_mutual_tls()
    {
        using var client = Client();
        var document = await client.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/vehicles", out var list));
        Assert.True(paths.TryGetProperty("/api/v1/vehicles/{vin}", out _));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("serviceCredential");
        Assert.Equal("/connect/token", scheme.GetProperty("flows").GetProperty("clientCredentials").GetProperty("tokenUrl").GetString());
        var get = list.GetProperty("get");
        Assert.True(get.GetProperty("security")[0].TryGetProperty("serviceCredential", out _));
        // Or a client certificate over mutual TLS, the alternative requirement.
        Assert.Equal("mutualTLS", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("clientCertificate").GetProperty("type").GetString());
        Assert.True(get.GetProperty("security")[1].TryGetProperty("clientCertificate", out _));
        foreach (var status in new[] { "200", "401", "403", "429" })
            Assert.True(get.GetProperty("responses").TryGetProperty(status, out _), status);
    }
}
