using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

/// <summary>
/// Switches the authenticator off, for oneself or (with users.user-profile.write) for someone who lost their phone.
/// An administrator can only switch it off: enrolling needs the user's own device.
/// </summary>
public sealed class DisableTotp(IArcDataFactory dataFactory, ICurrentUser user, Reauthentication reauthentication, AuditTrail audit) : IUseCase
{
    /// <param name="proof">The caller's current password or authenticator code.</param>
    public async Task HandleAsync(string username, string? proof, CancellationToken ct = default)
    {
        var caller = await user.RequireSelfOrAsync(username, Perm.UserProfileWrite, ct);
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        await ElevationRules.RequireNotAboveAsync(data, user, caller, username, ct);
        await reauthentication.RequireCallerAsync(data, account, caller, proof, ct);
        account.TotpCiphertext = null;
        account.TotpKeyReference = null;
        account.TotpEnabled = false;
        account.TotpDevice = null;
        if (account.Mfa == MfaPreference.Optional)
            account.Mfa = MfaPreference.Off;
        audit.Record(data, caller, AuditActions.UserMfaDisabled, AuditEntityTypes.User, username, new { self = caller == username });
        await data.SaveChangesAsync(ct);
    }
}
