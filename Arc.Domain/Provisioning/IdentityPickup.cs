namespace Arc.Domain.Provisioning;

/// <summary>
/// The identity file of a vehicle provisioned through the API, sealed until the caller that provisioned it collects it
/// once (<see cref="CollectVehicleIdentity"/>) or it expires after <see cref="KeepFor"/>. Then only the record that it
/// existed, and who collected it when, remains. The provisioning answer itself never holds the private key, so an
/// answer replayed to a retry does not either.
/// </summary>
public class IdentityPickup
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);

    public long Id { get; set; }
    public required string Vin { get; set; }
    public long RunId { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public string? KeyReference { get; set; }
    public byte[]? Ciphertext { get; set; }
    public DateTimeOffset? CollectedAt { get; set; }
    public string? CollectedBy { get; set; }
}
