using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Users;

public sealed record ChangePasswordCommand(string? CurrentPassword, string? NewPassword, string? ConfirmPassword);

/// <summary>
/// A signed-in user changes their own password; other sessions of theirs end (the stamp rotates), the current one is
/// carried over to the new stamp.
/// </summary>
public sealed class ChangePassword(IArcDataFactory dataFactory, ICurrentUser user, IPasswordHashing hashing, PasswordPolicy policy, AuditTrail audit,
    TimeProvider time) : IUseCase
{
    /// <returns>The new security stamp, for re-issuing the caller's own session.</returns>
    public async Task<string> HandleAsync(ChangePasswordCommand command, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        if (string.IsNullOrEmpty(command.CurrentPassword))
            throw new ValidationFailedException("currentPassword", "Enter your current password.");
        if (string.IsNullOrEmpty(command.NewPassword))
            throw new ValidationFailedException("newPassword", "Choose a new password.");
        if (command.NewPassword != command.ConfirmPassword)
            throw new ValidationFailedException("confirmPassword", "The new password and its confirmation differ.");
        if (command.NewPassword == command.CurrentPassword)
            throw new ValidationFailedException("newPassword", "The new password must differ from the current one.");

        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct)
            ?? throw new NotFoundException("User", username);
        policy.Require(command.NewPassword, account.Email);
        var now = time.GetUtcNow();
        if (account.IsLockedOut(now))
            throw new ValidationFailedException("currentPassword", $"Your account is locked after too many wrong passwords. Try again after {account.LockedUntil:HH:mm} UTC.");
        if (account.PasswordHash is null || command.CurrentPassword.Length > PasswordPolicy.MaxLength
            || !hashing.Verify(account.PasswordHash, command.CurrentPassword, out _))
        {
            // A wrong guess counts as a failed sign-in: an unattended open page is no way to try passwords.
            var locked = await account.RecordFailedSignInAsync(data, now, ct);
            audit.Record(data, username, locked ? AuditActions.UserLockedOut : AuditActions.UserSignInFailed, AuditEntityTypes.User, username,
                new { reason = "wrong current password to change it", locked });
            await data.SaveChangesAsync(ct);
            throw new ValidationFailedException("currentPassword", "The current password is not correct.");
        }

        account.PasswordHash = hashing.Hash(command.NewPassword!);
        account.MustChangePassword = false;
        account.TemporaryPasswordExpires = null;
        account.Status = DirectoryStatus.Confirmed;
        account.RotateSecurityStamp();
        if (await user.GetSessionIdAsync(ct) is { } current
            && await data.FirstOrDefaultAsync(data.UserSessions.Where(s => s.Id == current && s.Username == username), ct) is { } session)
            session.Stamp = account.SecurityStamp;
        audit.Record(data, username, AuditActions.UserPasswordChanged, AuditEntityTypes.User, username, new { self = true });
        await data.SaveChangesAsync(ct);
        return account.SecurityStamp;
    }
}
