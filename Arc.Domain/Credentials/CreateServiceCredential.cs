using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Credentials;

public sealed record NewServiceCredential(string? Name, string? Description, IReadOnlyList<int>? GroupIds, DateTimeOffset? ExpiresAt);

/// <summary>A client id and its secret, the one time the secret is ever shown.</summary>
public sealed record IssuedCredentialSecret(int CredentialId, string ClientId, string Secret, DateTimeOffset ExpiresAt);

/// <summary>
/// Creates a service credential (users.credential.write): a name, groups the creator holds every permission of, an
/// expiry and a secret, answered once and kept only as a hash (<see cref="CreateCertificateCredential"/> makes one proved by
/// a certificate instead). The audit event names the groups, never the secret.
/// </summary>
public sealed class CreateServiceCredential(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<IssuedCredentialSecret> HandleAsync(NewServiceCredential request, CancellationToken ct = default)
    {
        var secret = CredentialSecrets.NewSecret();
        var credential = await CreateAsync(request, CredentialProof.Secret,
            (_, _) => Task.FromResult(new ServiceCredentialSecret { Hash = CredentialSecrets.Hash(secret) }), ct);
        return new IssuedCredentialSecret(credential.Id, credential.ClientId, secret, credential.ExpiresAt);
    }

    /// <summary>The creation itself, whatever the proof: <paramref name="prove"/> makes the credential's first secret row.</summary>
    internal async Task<ServiceCredential> CreateAsync(NewServiceCredential request, CredentialProof proof,
        Func<ServiceCredential, CancellationToken, Task<ServiceCredentialSecret>> prove, CancellationToken ct)
    {
        var actor = await user.RequireAsync(Perm.CredentialWrite, ct);
        var now = time.GetUtcNow();
        var name = CredentialRules.Name(request.Name);
        var description = CredentialRules.Description(request.Description);
        var expiresAt = CredentialRules.Expiry(request.ExpiresAt, now);

        await using var data = dataFactory.Open();
        var groups = await CredentialRules.GroupsAsync(data, request.GroupIds, ct);
        var lowered = name.ToLowerInvariant();
        if (await data.AnyAsync(data.ServiceCredentials.Where(c => c.Name.ToLower() == lowered), ct))
            throw new ValidationFailedException("name", "A credential with this name exists already; choose another name.");
        await CredentialRules.RequireHoldsGroupsAsync(data, user, actor, groups.Select(g => g.Id).ToList(), name, ct);

        var credential = new ServiceCredential
        {
            ClientId = CredentialSecrets.NewClientId(),
            Name = name,
            Description = description,
            ExpiresAt = expiresAt,
            CreatedAt = now,
            CreatedBy = actor,
            Proof = proof,
            Groups = groups.Select(g => new ServiceCredentialGroup { GroupId = g.Id }).ToList(),
        };
        var secret = await prove(credential, ct);
        secret.CreatedAt = now;
        credential.Secrets = [secret];
        await data.AssignIdAsync(credential, ct);
        data.Add(credential);
        audit.Record(data, actor, AuditActions.CredentialCreated, AuditEntityTypes.ServiceCredential, credential.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new
            {
                credential.ClientId, name, groups = groups.Select(g => g.Name).Order(StringComparer.Ordinal).ToList(), expiresAt,
                proof = proof.ToString().ToLowerInvariant(), certificate = secret.CertificateThumbprint,
            });
        await data.SaveChangesAsync(ct);
        return credential;
    }
}
