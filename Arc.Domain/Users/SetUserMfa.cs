using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

/// <summary>
/// Sets whether a user's sign-in needs an authenticator (users.user-profile.write): off, optional, or required (the
/// user must enrol at their next sign-in before anything else). Mirrored to the user pool.
/// </summary>
public sealed class SetUserMfa(IArcDataFactory dataFactory, ICurrentUser user, IUserDirectory directory, MfaSettings settings, DirectoryChanges changes) : IUseCase
{
    public async Task HandleAsync(string username, string? preference, uint? version = null, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.UserProfileWrite, ct);
        var mfa = UserRules.Mfa(preference);
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        await ElevationRules.RequireNotAboveAsync(data, user, actor, username, ct);
        if (mfa == MfaPreference.Off && account.TotpEnabled)
            throw new ConflictException("This user has an authenticator app; turn it off first, then switch MFA off.");
        if (mfa != MfaPreference.Required && settings.Requires(account))
            throw new ConflictException("This portal requires an authenticator for every account that signs in with a password (Portal:Mfa:RequiredForLocalAccounts).");
        data.ExpectVersion(account, version, UserDetail.Thing(account));
        await changes.ApplyAsync(data, actor, AuditActions.UserMfaChanged, username, new { from = account.Mfa, to = mfa },
            () => directory.SetMfaAsync(username, mfa, ct),
            () =>
            {
                account.Mfa = mfa;
                return Task.CompletedTask;
            }, ct);
    }
}
