using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Authorities;

/// <summary>
/// Adds or removes a user who may act for an authority (sign with it and the authorities below it). The caller must act
/// for the authority and cannot add themselves (decision 12), so membership of the root is given only by a root member.
/// The authority's version changes with its members; <paramref name="version"/> is the one the caller's page read.
/// </summary>
public sealed class SetAuthorityMember(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public const int MaxEmailLength = 254;

    public async Task HandleAsync(int authorityId, string? email, bool member, uint? version = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.AuthorityCreate, ct);
        var address = (email ?? "").Trim().ToLowerInvariant();
        if (address.Length is 0 or > MaxEmailLength)
            throw new ValidationFailedException("email", "Enter the email of a portal user.");
        await using var data = dataFactory.Open();
        var authority = await AuthorityRules.RequireAsync(data, authorityId, ct);
        await AuthorityRules.RequireActsForAsync(data, user, username, authorityId, ct);
        var target = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Email == address).Select(u => u.Username), ct)
            ?? throw new ValidationFailedException("email", $"No portal user has the email {address}.");
        if (member && target == username)
            throw await user.RefuseAsync(username, "not oneself", "Nobody can make themselves a member of an authority; ask another member.",
                AuditEntityTypes.Authority, authorityId.ToString(CultureInfo.InvariantCulture), ct);
        var existing = await data.FirstOrDefaultAsync(data.AuthorityMembers.Where(m => m.AuthorityId == authorityId && m.Username == target), ct);
        if (member == (existing is not null))
            return;
        if (member)
            data.Add(new AuthorityMember { AuthorityId = authorityId, Username = target });
        else
            data.Remove(existing!);
        data.ExpectVersion(authority, version, $"Authority {authority.Description}");
        audit.Record(data, username, member ? AuditActions.AuthorityMemberAdded : AuditActions.AuthorityMemberRemoved, AuditEntityTypes.Authority,
            authorityId.ToString(CultureInfo.InvariantCulture), new { member = address });
        await data.SaveChangesAsync(ct);
    }
}
