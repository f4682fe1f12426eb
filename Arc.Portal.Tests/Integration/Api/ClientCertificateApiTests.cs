using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Credentials;
using Arc.Domain.Provisioning;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// Issue 17: service credentials proved by a client certificate over mutual TLS (docs/decisions/0051), against the running
/// portal's HTTPS endpoint: the certificate the portal issued acts as its credential; a certificate the portal did not
/// issue for an active credential is refused, as are a revoked credential's and a replaced one's after its overlap.
/// </summary>
public sealed class ClientCertificateApiTests(MutualTlsPortal fixture) : IClassFixture<MutualTlsPortal>
{
    private PortalServer Portal => fixture.Portal;

    [Fact]
    public async Task The_issued_certificate_reads_and_writes_as_its_credential_without_a_token()
    {
        var credential = await fixture.CreateCredentialAsync("Partner", "all");
        Assert.Contains("-----BEGIN PRIVATE KEY-----", credential.Certificate.PrivateKeyPem, StringComparison.Ordinal);
        using var certificate = MutualTlsPortal.Load(credential.Certificate);
        Assert.Equal(credential.ClientId, certificate.GetNameInfo(X509NameType.SimpleName, false));
        using var client = fixture.Client(certificate);

        using var one = await client.GetAsync($"api/v1/vehicles/{DemoVins.First}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(DemoVins.First, (await one.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("vin").GetString());

        var name = "mTLS fleet " + Guid.NewGuid().ToString("N")[..8];
        using var created = await client.PostAsync("api/v1/fleets", new StringContent(JsonSerializer.Serialize(new { name }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await using var db = Portal.CreateDb();
        var stored = await db.Set<ServiceCredential>().Include(c => c.Secrets).SingleAsync(c => c.Id == credential.CredentialId);
        Assert.Equal(CredentialProof.Certificate, stored.Proof);
        Assert.Equal((credential.Certificate.Thumbprint, ""), (stored.Secrets.Single().CertificateThumbprint, stored.Secrets.Single().Hash));
        Assert.NotNull(stored.LastUsedAt);
        Assert.True(await db.AuditSet.AnyAsync(e => e.Actor == "credential:" + credential.ClientId && e.Summary.Contains(name)));
        // The key was answered once and is nowhere in the database.
        Assert.False(await db.AuditSet.AnyAsync(e => e.Summary.Contains("PRIVATE KEY")));
    }

    [Fact]
    public async Task A_certificate_the_portal_did_not_issue_is_refused_even_with_the_credentials_name()
    {
        var credential = await fixture.CreateCredentialAsync("Impersonated", "support");
        // Self-signed with the same subject and a client-authentication use: chains to nothing the portal trusts.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={credential.ClientId}, O=Arc Portal API client", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var forged = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        await AssertRefusedAsync(forged, "Client certificate refused.");

        // A vehicle's identity certificate chains to the portal's device authority, which is no API client authority.
        await using var scope = Portal.Services.CreateAsyncScope();
        var device = await scope.ServiceProvider.GetRequiredService<IDeviceRegistry>().CreateCertificateAsync("MTLS-" + Guid.NewGuid().ToString("N")[..10], []);
        using var vehicle = X509Certificate2.CreateFromPem(device.CertificatePem, device.PrivateKeyPem);
        await AssertRefusedAsync(vehicle, "Client certificate refused.");

        // No certificate at all on the endpoint: as any call without credentials.
        await AssertRefusedAsync(null, "Not signed in.");
    }

    [Fact]
    public async Task A_revoked_credentials_certificate_is_refused_and_the_refusal_is_audited()
    {
        var credential = await fixture.CreateCredentialAsync("Revoked partner", "support");
        using var certificate = MutualTlsPortal.Load(credential.Certificate);
        using (var client = fixture.Client(certificate))
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/vehicles?pageSize=1")).StatusCode);

        await using (var scope = await Portal.AsUserAsync(await Portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<RevokeServiceCredential>().HandleAsync(credential.CredentialId);
        await AssertRefusedAsync(certificate, "Client certificate refused.");

        await using var db = Portal.CreateDb();
        var refusal = await db.AuditSet.SingleAsync(e => e.Action == AuditActions.CredentialCertificateRefused
            && e.EntityId == credential.CredentialId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("credential revoked", refusal.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_certificate_works_at_once_and_the_old_one_only_for_the_overlap()
    {
        var credential = await fixture.CreateCredentialAsync("Rotating partner", "support");
        using var first = MutualTlsPortal.Load(credential.Certificate);
        IssuedCredentialCertificate second, third;
        await using (var scope = await Portal.AsUserAsync(await Portal.AdminUsernameAsync()))
        {
            var rotate = scope.ServiceProvider.GetRequiredService<RotateCredentialCertificate>();
            var rotateSecret = scope.ServiceProvider.GetRequiredService<RotateServiceCredentialSecret>();
            second = await rotate.HandleAsync(credential.CredentialId, TimeSpan.FromHours(1));
            Assert.NotEqual(credential.Certificate.Thumbprint, second.Certificate.Thumbprint);
            await AssertAllowedAsync(first);
            using (var during = MutualTlsPortal.Load(second.Certificate))
                await AssertAllowedAsync(during);

            // With no overlap the one before is refused at once; a secret is not what this credential rotates.
            third = await rotate.HandleAsync(credential.CredentialId, TimeSpan.Zero);
            var wrongKind = await Assert.ThrowsAsync<ConflictException>(() => rotateSecret.HandleAsync(credential.CredentialId, TimeSpan.Zero));
            Assert.Contains("client certificate", wrongKind.Message, StringComparison.Ordinal);
        }
        await AssertRefusedAsync(first, "Client certificate refused.");
        using (var replaced = MutualTlsPortal.Load(second.Certificate))
            await AssertRefusedAsync(replaced, "Client certificate refused.");
        using var current = MutualTlsPortal.Load(third.Certificate);
        await AssertAllowedAsync(current);
    }

    [Fact]
    public async Task A_certificate_credential_gets_no_token_and_a_certificate_grants_only_its_groups_permissions()
    {
        var credential = await fixture.CreateCredentialAsync("Reader partner", "support");
        using var plain = new HttpClient { BaseAddress = Portal.BaseAddress };
        using var token = await ApiClient.RequestTokenAsync(plain, credential.ClientId, "arcs_" + new string('a', 43));
        Assert.False(token.IsSuccessStatusCode);
        Assert.Equal("invalid_client", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        using var certificate = MutualTlsPortal.Load(credential.Certificate);
        using var client = fixture.Client(certificate);
        using var create = await client.PostAsync("api/v1/fleets", new StringContent("""{"name":"Not allowed"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        // Pages are not the API: a certificate signs no one in to them.
        using var page = await client.GetAsync("vehicles");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);

        // Without a configured forwarding header, a certificate in a header is only text.
        using var plainRequest = new HttpRequestMessage(HttpMethod.Get, "api/v1/vehicles?pageSize=1");
        plainRequest.Headers.TryAddWithoutValidation("X-Amzn-Mtls-Clientcert", Uri.EscapeDataString(credential.Certificate.CertificatePem));
        using var forwarded = await plain.SendAsync(plainRequest);
        Assert.Equal(HttpStatusCode.Unauthorized, forwarded.StatusCode);
    }

    private async Task AssertAllowedAsync(X509Certificate2 certificate)
    {
        using var client = fixture.Client(certificate);
        using var response = await client.GetAsync("api/v1/vehicles?pageSize=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task AssertRefusedAsync(X509Certificate2? certificate, string title)
    {
        using var client = fixture.Client(certificate);
        using var response = await client.GetAsync($"api/v1/vehicles/{DemoVins.First}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.DoesNotContain(DemoVins.First, problem.ToString(), StringComparison.Ordinal);
    }
}
