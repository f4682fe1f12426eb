using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arc.Domain.Credentials;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>A portal behind a load balancer that ends mutual TLS and forwards the client's certificate in a header.</summary>
public sealed class ForwardingPortal : IAsyncLifetime
{
    public const string Header = "X-Amzn-Mtls-Clientcert";

    public PortalServer Portal { get; } = new();

    public Task InitializeAsync()
    {
        Portal.Settings["Api:ClientCertificates:ForwardedHeader"] = Header;
        return Portal.InitializeAsync();
    }

    public Task DisposeAsync() => Portal.DisposeAsync();
}

/// <summary>
/// Issue 17, mutual TLS ended at the load balancer (docs/decisions/0051): the certificate arrives URL-encoded in the
/// configured header, as AWS's load balancer forwards it, and is judged exactly as one on the portal's own TLS endpoint.
/// </summary>
public sealed class ForwardedClientCertificateTests(ForwardingPortal fixture) : IClassFixture<ForwardingPortal>
{
    [Fact]
    public async Task A_forwarded_certificate_acts_as_its_credential_and_anything_else_in_the_header_is_refused()
    {
        var portal = fixture.Portal;
        IssuedCredentialCertificate credential;
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            credential = await scope.ServiceProvider.GetRequiredService<CreateCertificateCredential>().HandleAsync(
                new NewServiceCredential("Behind the balancer " + Guid.NewGuid().ToString("N"), null, [SeedGroups.ByMachineName("support").Id], DateTimeOffset.UtcNow.AddDays(5)));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, Uri.EscapeDataString(credential.Certificate.CertificatePem))).Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "Not signed in."), await SendAsync(client, "not a certificate"));
        Assert.Equal((HttpStatusCode.Unauthorized, "Not signed in."), await SendAsync(client, null));
        var device = await portal.Services.GetRequiredService<Arc.Domain.Provisioning.IDeviceRegistry>().CreateCertificateAsync("FWD-" + Guid.NewGuid().ToString("N")[..10], []);
        Assert.Equal((HttpStatusCode.Unauthorized, "Client certificate refused."), await SendAsync(client, Uri.EscapeDataString(device.CertificatePem)));
    }

    private static async Task<(HttpStatusCode Status, string? Title)> SendAsync(HttpClient client, string? header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/vehicles?pageSize=1");
        // The load balancer ended TLS and says so, as it does for every request it forwards.
        request.Headers.Add("X-Forwarded-Proto", "https");
        if (header is not null)
            request.Headers.TryAddWithoutValidation(ForwardingPortal.Header, header);
        using var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK ? (response.StatusCode, null)
            : (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }
}
