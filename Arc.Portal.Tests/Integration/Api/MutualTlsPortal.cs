using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Arc.Domain.Credentials;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// A portal with a second, HTTPS endpoint that asks for client certificates, as a deployment gives partners (docs/decisions/0051):
/// its own server certificate from a throw-away file, the plain endpoint for everything else.
/// </summary>
public sealed class MutualTlsPortal : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("arc-mtls-").FullName;
    private X509Certificate2? _server;

    public PortalServer Portal { get; } = new();

    /// <summary>The HTTPS endpoint that asks for a client certificate.</summary>
    public Uri MutualTlsAddress { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1")], false));
        _server = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(_directory, "server.pfx");
        await File.WriteAllBytesAsync(path, _server.Export(X509ContentType.Pfx, "server-test"));
        Portal.Settings["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0";
        Portal.Settings["Kestrel:Endpoints:Partners:Url"] = "https://127.0.0.1:0";
        Portal.Settings["Kestrel:Endpoints:Partners:ClientCertificateMode"] = "AllowCertificate";
        Portal.Settings["Kestrel:Endpoints:Partners:Certificate:Path"] = path;
        Portal.Settings["Kestrel:Endpoints:Partners:Certificate:Password"] = "server-test";
        await Portal.InitializeAsync();
        MutualTlsAddress = new Uri(Portal.Addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)) + "/");
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        _server?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A client of the HTTPS endpoint presenting this certificate (or none); it trusts only the endpoint's own server certificate.</summary>
    public HttpClient Client(X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == _server!.GetCertHashString(),
            },
        };
        return new HttpClient(handler) { BaseAddress = MutualTlsAddress };
    }

    public async Task<IssuedCredentialCertificate> CreateCredentialAsync(string name, params string[] groups)
    {
        await using var scope = await Portal.AsUserAsync(await Portal.AdminUsernameAsync());
        var ids = groups.Select(g => SeedGroups.ByMachineName(g).Id).ToList();
        return await scope.ServiceProvider.GetRequiredService<CreateCertificateCredential>()
            .HandleAsync(new NewServiceCredential($"{name} {Guid.NewGuid():N}", "made by a test", ids, DateTimeOffset.UtcNow.AddDays(30)));
    }

    /// <summary>The certificate with its private key, as the client loads the two files it downloaded.</summary>
    public static X509Certificate2 Load(IssuedClientCertificate issued) => X509Certificate2.CreateFromPem(issued.CertificatePem, issued.PrivateKeyPem);
}
