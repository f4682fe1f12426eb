using Arc.Domain.Permissions;

namespace Arc.Domain.Credentials;

/// <summary>
/// A machine client of the HTTP API (a factory line, a CI pipeline, a partner): a client id, one or two secrets or
/// client certificates (<see cref="Proof"/>), the permission groups it acts with, an expiry. It acts under its own name in the audit log (<see cref="ActorOf"/>), never as a person.
/// </summary>
public sealed class ServiceCredential
{
    public const string ActorPrefix = "credential:";

    public int Id { get; set; }
    public string ClientId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    /// <summary>When the credential last called the API, kept at most once a minute (<c>ICredentialUse</c>).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
    /// <summary>How the client proves it is this credential; chosen at creation and kept for its life.</summary>
    public CredentialProof Proof { get; set; } = CredentialProof.Secret;

    public List<ServiceCredentialSecret> Secrets { get; set; } = [];
    public List<ServiceCredentialGroup> Groups { get; set; } = [];

    public string Actor => ActorOf(ClientId);

    /// <summary>The audit actor of a credential's calls: <c>credential:</c> and its client id.</summary>
    public static string ActorOf(string clientId) => ActorPrefix + clientId;

    public CredentialStatus StatusAt(DateTimeOffset now) => StatusOf(RevokedAt, ExpiresAt, now);

    public static CredentialStatus StatusOf(DateTimeOffset? revokedAt, DateTimeOffset expiresAt, DateTimeOffset now) =>
        revokedAt is not null ? CredentialStatus.Revoked : expiresAt <= now ? CredentialStatus.Expired : CredentialStatus.Active;
}

/// <summary>
/// One secret of a credential: a client secret kept only as a salted hash (<see cref="CredentialSecrets"/>), or, for a
/// credential proved by certificate, the SHA-256 fingerprint of a client certificate the portal issued (and no hash).
/// A current secret has no end of its own; a rotated-out one ends when the overlap the administrator chose is over.
/// </summary>
public sealed class ServiceCredentialSecret
{
    public int Id { get; set; }
    public int CredentialId { get; set; }
    public string Hash { get; set; } = "";
    /// <summary>Lower-case hex SHA-256 of the certificate's DER bytes; null for a client secret.</summary>
    public string? CertificateThumbprint { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }

    public bool IsValidAt(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}

/// <summary>A permission group the credential acts with, as a user belongs to one.</summary>
public sealed class ServiceCredentialGroup
{
    public int CredentialId { get; set; }
    public int GroupId { get; set; }
    public PermissionGroup? Group { get; set; }
}

/// <summary>How a credential's client proves itself; stored as its name.</summary>
public enum CredentialProof
{
    /// <summary>A client id and secret, exchanged for a token at <c>/connect/token</c>.</summary>
    Secret = 0,
    /// <summary>A client certificate issued by the portal, presented on a mutual TLS connection with each call.</summary>
    Certificate = 1,
}

public enum CredentialStatus
{
    Active,
    Expired,
    Revoked,
}
