using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

/// <summary>
/// Adds the user with this email address to a group (the group page's "add a user by email"), with the permissions and
/// rules of <see cref="SetUserGroup"/>.
/// </summary>
public sealed class AddUserToGroupByEmail(IArcDataFactory dataFactory, ICurrentUser user, SetUserGroup setUserGroup) : IUseCase
{
    public async Task HandleAsync(string? email, int groupId, uint? groupVersion = null, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.UserWrite, ct);
        await user.RequireAsync(Perm.GroupWrite, ct);
        var address = (email ?? "").Trim().ToLowerInvariant();
        if (!EmailAddress.IsValid(address))
            throw new ValidationFailedException("email", "Enter the email address of a user.");
        string? username;
        await using (var data = dataFactory.Open())
            username = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Email == address).Select(u => u.Username), ct);
        await setUserGroup.HandleAsync(username ?? throw new ValidationFailedException("email", $"There is no user with the email {address}."), groupId,
            member: true, groupVersion: groupVersion, ct: ct);
    }
}
