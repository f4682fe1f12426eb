namespace Arc.Domain.Authorities;

/// <summary>
/// A vehicle-access authority (spec/backend.md §4.1): a node in the tree rooted at authority 1, with an ECDSA P-256
/// key pair whose public half vehicles trust. The private key is stored only sealed by the key vault.
/// </summary>
public class Authority : Common.IVersioned
{
    public const int RootId = 1;
    public const int MaxDescriptionLength = 200;

    public int Id { get; set; }
    /// <summary>The parent authority; 0 for the root.</summary>
    public int ParentId { get; set; }
    public required string Description { get; set; }
    /// <summary>Which vault key sealed the private key (a KMS key id, or the local vault's key name); sealed for <see cref="SealContext.AuthorityKey"/>.</summary>
    public required string KeyReference { get; set; }
    /// <summary>The 65-byte uncompressed P-256 point 04||X||Y.</summary>
    public required byte[] PublicKey { get; set; }
    public required byte[] EncryptedPrivateKey { get; set; }
    /// <summary>The row version; it changes with the authority and with its members.</summary>
    public uint Version { get; set; }

    public bool IsRoot => Id == RootId;

    /// <summary>The trusted-key form: standard Base64 of the public point (spec/backend.md §4.4).</summary>
    public string TrustedKey => Convert.ToBase64String(PublicKey);
}

/// <summary>An authority's control of a vehicle (authkey <c>vehicle_authority</c>).</summary>
public class VehicleAuthority
{
    public int AuthorityId { get; set; }
    public required string Vin { get; set; }
}

/// <summary>
/// Key-value facts the Authority Manager keeps per vehicle; only the factory PIN so far, whose value is sealed by the key
/// vault (read and write it through <see cref="FactoryPinStore"/>).
/// </summary>
public class AuthorityVehicleMeta
{
    public const string PinSection = "pin";
    public const string FactoryPinKey = "factory_pin";

    public required string Vin { get; set; }
    public required string Section { get; set; }
    public required string Key { get; set; }
    public required string Value { get; set; }
}

/// <summary>
/// A user who may act for an authority: sign tokens with it or with any authority below it. The old system let
/// anyone holding authorities.vehicle.sign sign with any authority (spec/backend.md §11 #2).
/// </summary>
public class AuthorityMember
{
    public int AuthorityId { get; set; }
    public required string Username { get; set; }
}
