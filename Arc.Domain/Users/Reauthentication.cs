using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>
/// Asks for proof that the person at the keyboard owns the signed-in account before a sensitive change (email, phone,
/// turning the authenticator off or replacing it): the current password, or a current code from the authenticator.
/// A wrong proof counts as a failed sign-in, so the form cannot be used to guess a password.
/// </summary>
public sealed class Reauthentication(IPasswordHashing hashing, IKeyVault vault, AuditTrail audit, TimeProvider time)
{
    public const string Field = "proof";

    /// <summary>Checks the proof against <paramref name="account"/>; call it before changing anything in <paramref name="data"/>.</summary>
    public async Task RequireAsync(IArcData data, User account, string? proof, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (account.IsLockedOut(now))
            throw new ValidationFailedException(Field, $"Your account is locked after too many wrong attempts. Try again after {account.LockedUntil:HH:mm} UTC.");
        var text = (proof ?? "").Trim();
        if (text.Length == 0)
            throw new ValidationFailedException(Field, "Confirm with your current password or a code from your authenticator app.");
        if (proof!.Length <= PasswordPolicy.MaxLength && account.PasswordHash is not null && hashing.Verify(account.PasswordHash, proof, out _))
            return;
        if (account is { TotpEnabled: true, TotpCiphertext: not null } && text.Length == Totp.Digits && text.All(char.IsAsciiDigit))
        {
            var secret = await vault.UnsealAsync(new SealedSecret(account.TotpKeyReference!, account.TotpCiphertext), SealContext.Totp(account.Username), ct);
            if (Totp.Verify(secret, text, now, account.TotpLastCounter) is { } counter)
            {
                account.TotpLastCounter = counter;
                return;
            }
        }
        var locked = await account.RecordFailedSignInAsync(data, now, ct);
        audit.Record(data, account.Username, locked ? AuditActions.UserLockedOut : AuditActions.UserSignInFailed, AuditEntityTypes.User, account.Username,
            new { reason = "wrong password or code to confirm a change", locked });
        await data.SaveChangesAsync(ct);
        throw new ValidationFailedException(Field, locked
            ? $"That was not right, and the account is now locked until {account.LockedUntil:HH:mm} UTC."
            : "That is not your current password or a current code from your authenticator app.");
    }

    /// <summary>The proof of the caller, who may be someone other than the account being changed (an administrator).</summary>
    public async Task RequireCallerAsync(IArcData data, User target, string caller, string? proof, CancellationToken ct)
    {
        var account = caller == target.Username ? target
            : await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == caller), ct) ?? throw new NotSignedInException();
        await RequireAsync(data, account, proof, ct);
    }
}
