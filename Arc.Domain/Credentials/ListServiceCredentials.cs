using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Credentials;

public sealed record CredentialQuery(string? Search = null, bool IncludeInactive = true, int PageIndex = 0, int PageSize = 20);

/// <param name="OldSecretValidUntil">The end of a rotation's overlap while one runs: until then two secrets (or certificates) are valid.</param>
public sealed record CredentialView(int Id, string ClientId, string Name, string? Description, IReadOnlyList<string> Groups,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, CredentialStatus Status,
    DateTimeOffset? RevokedAt, DateTimeOffset? OldSecretValidUntil, CredentialProof Proof = CredentialProof.Secret);

/// <summary>The service credentials (users.credential.read), by name, with their groups, status and last use.</summary>
public sealed class ListServiceCredentials(IArcDataFactory dataFactory, ICurrentUser user, TimeProvider time) : IUseCase
{
    public const int MaxSearchLength = 100;

    public async Task<Page<CredentialView>> HandleAsync(CredentialQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.CredentialRead, ct);
        var (pageIndex, pageSize) = Paging.Normalize(query.PageIndex, query.PageSize);
        var search = query.Search?.Trim();
        if (search?.Length > MaxSearchLength)
            throw new ValidationFailedException("search", $"A search has at most {MaxSearchLength} characters.");
        var now = time.GetUtcNow();

        await using var data = dataFactory.Open();
        var credentials = data.ServiceCredentials;
        if (!string.IsNullOrEmpty(search))
        {
            var lowered = search.ToLowerInvariant();
            credentials = credentials.Where(c => c.Name.ToLower().Contains(lowered) || c.ClientId.Contains(lowered));
        }
        if (!query.IncludeInactive)
            credentials = credentials.Where(c => c.RevokedAt == null && c.ExpiresAt > now);
        var total = await data.CountAsync(credentials, ct);
        var rows = await data.ListAsync(credentials.OrderBy(c => c.Name).ThenBy(c => c.Id).Skip(pageIndex * pageSize).Take(pageSize)
            .Select(c => new
            {
                c.Id, c.ClientId, c.Name, c.Description, c.CreatedAt, c.CreatedBy, c.ExpiresAt, c.LastUsedAt, c.RevokedAt, c.Proof,
                Groups = c.Groups.Select(g => g.Group!.Name).OrderBy(n => n).ToList(),
                OverlapEnds = c.Secrets.Where(s => s.ExpiresAt != null && s.ExpiresAt > now).Max(s => s.ExpiresAt),
            }), ct);
        return new Page<CredentialView>(rows.Select(c => new CredentialView(c.Id, c.ClientId, c.Name, c.Description, c.Groups, c.CreatedAt, c.CreatedBy,
            c.ExpiresAt, c.LastUsedAt, ServiceCredential.StatusOf(c.RevokedAt, c.ExpiresAt, now), c.RevokedAt,
            c.RevokedAt is null ? c.OverlapEnds : null, c.Proof)).ToList(), total, pageIndex, pageSize);
    }
}
