using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

/// <summary>
/// Deletes a user (users.user.delete): the user-pool account first, then group memberships, fleet memberships, alarm
/// subscriptions and the profile. Nobody deletes themselves; the audit log keeps the record of what they did. Should the
/// database part fail, deleting again finishes it (the account is already gone from the pool).
/// </summary>
public sealed class DeleteUser(IArcDataFactory dataFactory, ICurrentUser user, IUserDirectory directory, DirectoryChanges changes) : IUseCase
{
    public async Task HandleAsync(string username, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.UserDelete, ct);
        if (actor == username)
            throw new ConflictException("You cannot delete your own account.");
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        await ElevationRules.RequireNotAboveAsync(data, user, actor, username, ct);
        await changes.ApplyAsync(data, actor, AuditActions.UserDeleted, username, new { email = account.Email, name = account.DisplayName },
            async () =>
            {
                if (await directory.GetAsync(username, ct) is not null)
                    await directory.DeleteAsync(username, ct);
            },
            async () =>
            {
                // Read again: a directory kept in this database (the local one) has removed some of these rows already.
                foreach (var member in await data.ListAsync(data.GroupMembers.Where(m => m.Username == username), ct))
                    data.Remove(member);
                foreach (var fleet in await data.ListAsync(data.FleetUsers.Where(f => f.Username == username), ct))
                    data.Remove(fleet);
                foreach (var preference in await data.ListAsync(data.UserPreferences.Where(p => p.Username == username), ct))
                    data.Remove(preference);
                foreach (var subscription in await data.ListAsync(data.AlarmSubscriptions.Where(s => s.Username == username), ct))
                    data.Remove(subscription);
                if (await data.AnyAsync(data.Users.Where(u => u.Username == username), ct))
                    data.Remove(account);
            }, ct);
    }
}
