namespace Arc.Domain.Provisioning.Steps;

/// <summary>
/// What the steps of one provisioning run share. A run recovered after a crash has only the VIN and actor: every
/// compensation works from the step's stored state alone.
/// </summary>
public sealed class ProvisioningContext
{
    public required string Vin { get; init; }
    public required string Actor { get; init; }

    /// <summary>The request; absent when a recovery undoes a run another process began.</summary>
    public ProvisionRequest? Request { get; init; }

    public ProvisionRequest RequireRequest() => Request ?? throw new InvalidOperationException("A recovered run only compensates.");

    /// <summary>The new certificate with its private key: only ever in this process's memory.</summary>
    public DeviceCertificate? Certificate { get; set; }

    public IReadOnlyList<string> ReplacedCertificates { get; set; } = [];

    public string? Pin { get; set; }
}
