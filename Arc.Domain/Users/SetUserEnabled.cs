using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

/// <summary>
/// Enables or disables an account (not one's own); a disabled user's open pages lose access at their next check.
/// <paramref name="version"/> is the account's version the caller's page read (<see cref="UserDetail.RowVersion"/>).
/// </summary>
public sealed class SetUserEnabled(IArcDataFactory dataFactory, ICurrentUser user, IUserDirectory directory, DirectoryChanges changes,
    TimeProvider time) : IUseCase
{
    public async Task HandleAsync(string username, bool enabled, uint? version = null, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(enabled ? Perm.UserEnable : Perm.UserDisable, ct);
        if (actor == username)
            throw new ConflictException("You cannot disable or enable your own account.");
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        await ElevationRules.RequireNotAboveAsync(data, user, actor, username, ct);
        data.ExpectVersion(account, version, UserDetail.Thing(account));
        await changes.ApplyAsync(data, actor, enabled ? AuditActions.UserEnabled : AuditActions.UserDisabled, username, new { email = account.Email },
            () => directory.SetEnabledAsync(username, enabled, ct),
            async () =>
            {
                account.Enabled = enabled;
                if (!enabled)
                {
                    account.RotateSecurityStamp();
                    await SessionKeeper.EndAllAsync(data, username, SessionEndReasons.AccountDisabled, time.GetUtcNow(), ct);
                }
            }, ct);
    }
}
