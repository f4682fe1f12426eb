using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>The second step of signing in: the code from the authenticator, after the password was right. Wrong codes count towards lockout.</summary>
public sealed class VerifySignInCode(IArcDataFactory dataFactory, IKeyVault vault, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<SignInResult> HandleAsync(string username, string? code, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct);
        if (account is null || !account.TotpEnabled || account.TotpCiphertext is null || !account.Enabled)
            return new SignInResult(SignInOutcome.InvalidCredentials, "Sign in again.");
        if (account.IsLockedOut(now))
            return new SignInResult(SignInOutcome.LockedOut, $"This account is locked after {User.MaxFailedSignIns} failed sign-ins. Try again after {account.LockedUntil:HH:mm} UTC.");
        var secret = await vault.UnsealAsync(new SealedSecret(account.TotpKeyReference!, account.TotpCiphertext), SealContext.Totp(account.Username), ct);
        if (Totp.Verify(secret, code?.Trim(), now, account.TotpLastCounter) is not { } counter)
        {
            var locked = await account.RecordFailedSignInAsync(data, now, ct);
            audit.Record(data, username, locked ? AuditActions.UserLockedOut : AuditActions.UserSignInFailed, AuditEntityTypes.User, username,
                new { reason = "wrong authenticator code", locked });
            await data.SaveChangesAsync(ct);
            return new SignInResult(locked ? SignInOutcome.LockedOut : SignInOutcome.CodeRequired, "That code is not right; try the next one.", account);
        }
        account.TotpLastCounter = counter;
        account.RecordSignIn(now);
        audit.Record(data, username, AuditActions.UserSignedIn, AuditEntityTypes.User, username, new { method = "password+totp" });
        await data.SaveChangesAsync(ct);
        return await SignInResult.SucceededAsync(data, account, ct);
    }
}
