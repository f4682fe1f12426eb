using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

public sealed record MyProfile(
    string Username,
    string Email,
    string? DisplayName,
    string? Phone,
    DateTimeOffset? LastSignIn,
    bool MustChangePassword,
    IReadOnlyList<string> Groups,
    IReadOnlyList<string> Permissions,
    IReadOnlyList<Ability> Abilities,
    bool MustEnrolMfa = false);

/// <summary>The signed-in user's own profile, groups, effective permissions and abilities (self-service).</summary>
public sealed class GetMyProfile(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<MyProfile> HandleAsync(CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var permissions = await user.GetPermissionsAsync(ct);
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct)
            ?? throw new NotFoundException("User", username);
        var groups = await data.ListAsync(
            data.PermissionGroups.Where(g => data.GroupMembers.Any(m => m.GroupId == g.Id && m.Username == username))
                .OrderBy(g => g.Name).Select(g => g.Name), ct);
        return new MyProfile(account.Username, account.Email, account.DisplayName, account.Phone, account.LastSignIn,
            account.MustChangePassword, groups, permissions.Order(StringComparer.Ordinal).ToList(), Abilities.For(permissions),
            account.MustEnrolMfa);
    }
}
