namespace Arc.Domain.Provisioning;

public sealed record ThingInfo(string ThingName, string Arn, string ThingGroup, IReadOnlyDictionary<string, string> Attributes);

/// <summary>A device certificate; the private key is present only in the answer that created it.</summary>
public sealed record DeviceCertificate(string CertificateId, string CertificatePem, string? PrivateKeyPem);

/// <summary>
/// The device registry of AWS IoT (things, thing groups, certificates, policies). The local adapter keeps things and
/// certificates in PostgreSQL and issues real X.509 certificates from a local CA; the AWS adapter calls the IoT
/// control plane. Policies are attached to every new device certificate (spec/backend.md §4.6).
/// </summary>
public interface IDeviceRegistry
{
    /// <summary>The host vehicles connect to, written into identity files.</summary>
    string Endpoint { get; }

    /// <summary>The CA certificate vehicles trust for that host (Amazon's root, or the local CA).</summary>
    string RootCertificatePem { get; }

    Task<ThingInfo?> DescribeThingAsync(string thingName, CancellationToken ct = default);

    Task<ThingInfo> CreateThingAsync(string thingName, string thingGroup, IReadOnlyDictionary<string, string> attributes, CancellationToken ct = default);

    Task<bool> DeleteThingAsync(string thingName, CancellationToken ct = default);

    Task<IReadOnlyList<string>> ListThingCertificatesAsync(string thingName, CancellationToken ct = default);

    /// <summary>Creates an active key pair and certificate, attaches the policies and attaches it to the thing.</summary>
    Task<DeviceCertificate> CreateCertificateAsync(string thingName, IReadOnlyList<string> policies, CancellationToken ct = default);

    /// <summary>Detaches policies and thing, deactivates and deletes the certificate. Missing = done.</summary>
    Task RevokeCertificateAsync(string thingName, string certificateId, CancellationToken ct = default);
}

public static class DevicePolicies
{
    public static IReadOnlyList<string> All { get; } = ["vehicle-connect-1", "vehicle-shadow-1", "vehicle-telemetry-1"];

    public static string ThingGroup(Common.DeploymentEnvironment environment) => environment switch
    {
        Common.DeploymentEnvironment.Dev => "development",
        Common.DeploymentEnvironment.Staging => "staging",
        _ => "production",
    };
}
