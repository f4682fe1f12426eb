using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;

namespace Arc.Infrastructure.Intake.Mqtt;

/// <summary>
/// The portal's own MQTT broker: on by default in Development only. Devices connect over TLS with the certificate of
/// their identity file; the plain endpoint serves the in-process simulator.
/// </summary>
public sealed class MqttOptions : IValidatableObject
{
    public const string Section = "Mqtt";

    public bool Enabled { get; set; }

    /// <summary>The IPv4 address both endpoints listen on; a bench device on the factory floor needs the machine's LAN address.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Whether the plain endpoint listens at all (on by default in Development only; it accepts only the simulator).</summary>
    public bool PlainEnabled { get; set; }

    /// <summary>The plain endpoint's port; 0 lets the system choose one (the broker then reports it).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>The TLS endpoint's port; 0 lets the system choose one.</summary>
    [Range(0, 65535)]
    public int TlsPort { get; set; } = 8883;

    /// <summary>A PEM server certificate for a real host name; without it the broker issues itself one from the local device CA.</summary>
    public string? CertificatePemFile { get; set; }

    /// <summary>The PEM private key of <see cref="CertificatePemFile"/>.</summary>
    public string? KeyPemFile { get; set; }

    /// <summary>
    /// How often the broker looks for connected devices whose certificate has since been revoked or replaced, and
    /// disconnects them; a revocation takes effect within this time, not only at the device's next connection.
    /// </summary>
    public TimeSpan RevocationCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    public IPAddress Address => IPAddress.Parse(BindAddress);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(BindAddress, out var address) || address.AddressFamily != AddressFamily.InterNetwork)
            yield return new ValidationResult("Mqtt:BindAddress must be an IPv4 address such as 127.0.0.1.", [nameof(BindAddress)]);
        if (RevocationCheckInterval < TimeSpan.FromMilliseconds(100))
            yield return new ValidationResult("Mqtt:RevocationCheckInterval must be at least 100 ms.", [nameof(RevocationCheckInterval)]);
        if (string.IsNullOrEmpty(CertificatePemFile) != string.IsNullOrEmpty(KeyPemFile))
            yield return new ValidationResult("Mqtt:CertificatePemFile and Mqtt:KeyPemFile go together.", [nameof(CertificatePemFile), nameof(KeyPemFile)]);
    }
}
