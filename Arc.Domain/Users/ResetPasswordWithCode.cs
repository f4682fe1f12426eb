using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>
/// "Forgot password", step two: the emailed code and a new password. Five wrong guesses void a code; ten wrong guesses
/// across codes (since the last successful reset) lock resets of the account for a day, so asking for new codes does
/// not buy more guesses. Entries are throttled per client address too. Every guess is audited against the account.
/// </summary>
public sealed class ResetPasswordWithCode(IArcDataFactory dataFactory, IPasswordHashing hashing, PasswordPolicy policy, AuditTrail audit, TimeProvider time,
    IRateLimits limits, PasswordResetOptions options) : IUseCase
{
    public const int MaxAttempts = 5;
    public const int MaxFailures = 10;
    public static readonly TimeSpan LockDuration = TimeSpan.FromDays(1);
    private const string Wrong = "That code is not right or has expired. Ask for a new one.";

    public static string Locked(DateTimeOffset until) =>
        $"Too many wrong codes: password reset is locked for this account until {until.UtcDateTime:HH:mm} UTC; ask an administrator.";

    /// <param name="client">The client's network address (after trusted proxies), for the per-client throttle.</param>
    public async Task HandleAsync(string? email, string? code, string? newPassword, string? confirmPassword, string? client, CancellationToken ct = default)
    {
        var address = (email ?? "").Trim().ToLowerInvariant();
        if (!EmailAddress.IsValid(address))
            throw new ValidationFailedException("email", "Enter the email address the code was sent to.");
        code = code?.Trim();
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
            throw new ValidationFailedException("code", "The code is the 6 digits from the email.");
        policy.Require(newPassword, address);
        if (newPassword != confirmPassword)
            throw new ValidationFailedException("confirmPassword", "The two new passwords differ.");
        if (!limits.TryAcquire("reset-code-client|" + PasswordResetOptions.ClientKey(client), options.CodeEntriesPerClient, options.Window))
            throw new TooManyRequestsException(options.Throttled("code entries"));
        var now = time.GetUtcNow();
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Email == address), ct);
        if (account is null)
        {
            hashing.SpendAVerification(code);
            throw new ValidationFailedException("code", Wrong);
        }
        if (account.ResetLockedUntil is { } until && until > now)
        {
            audit.Record(data, AuditTrail.AnonymousActor, AuditActions.UserPasswordResetRefused, AuditEntityTypes.User, account.Username,
                new { reason = "resets locked after wrong codes", lockedUntil = until });
            await data.SaveChangesAsync(ct);
            throw new ValidationFailedException("code", Locked(until));
        }
        if (account.ResetCodeHash is null || account.ResetCodeExpires < now || account.ExternalSubject is not null || !account.Enabled)
            throw new ValidationFailedException("code", Wrong);
        // Guesses sent together all read the same stored count; this in-process count of guesses at this very code
        // cannot be raced, so a burst on one node gets no more than the five guesses a code allows.
        if (!limits.TryAcquire("reset-code|" + account.ResetCodeHash, MaxAttempts, RequestPasswordReset.ValidFor))
        {
            account.ResetCodeHash = null;
            account.ResetCodeExpires = null;
            await data.SaveChangesAsync(ct);
            throw new ValidationFailedException("code", Wrong);
        }
        if (!hashing.Verify(account.ResetCodeHash, code, out _))
            await CountWrongCodeAsync(data, account, now, ct);
        account.PasswordHash = hashing.Hash(newPassword!);
        account.ResetCodeHash = null;
        account.ResetCodeExpires = null;
        account.ResetCodeAttempts = 0;
        account.ResetFailures = 0;
        account.ResetLockedUntil = null;
        account.MustChangePassword = false;
        account.TemporaryPasswordExpires = null;
        account.Status = DirectoryStatus.Confirmed;
        account.FailedSignIns = 0;
        account.LockedUntil = null;
        account.RotateSecurityStamp();
        audit.Record(data, account.Username, AuditActions.UserPasswordReset, AuditEntityTypes.User, account.Username, new { method = "emailed code" });
        await data.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Counts the wrong guess against the code and the account, saves, and always throws. Each count is one statement on
    /// the row, so that guesses sent at once from several nodes all count.
    /// </summary>
    private async Task CountWrongCodeAsync(IArcData data, User account, DateTimeOffset now, CancellationToken ct)
    {
        await data.IncrementAsync(account, u => u.ResetCodeAttempts, ct);
        var failures = await data.IncrementAsync(account, u => u.ResetFailures, ct);
        if (account.ResetCodeAttempts >= MaxAttempts || failures >= MaxFailures)
        {
            account.ResetCodeHash = null;
            account.ResetCodeExpires = null;
        }
        audit.Record(data, AuditTrail.AnonymousActor, AuditActions.UserPasswordResetCodeWrong, AuditEntityTypes.User, account.Username,
            new { failures, ofThisCode = account.ResetCodeAttempts });
        if (failures < MaxFailures)
        {
            await data.SaveChangesAsync(ct);
            throw new ValidationFailedException("code", Wrong);
        }
        await LockAsync(data, account, now, failures, ct);
    }

    /// <summary>Locks resets of the account for a day, saves, and throws.</summary>
    private async Task LockAsync(IArcData data, User account, DateTimeOffset now, int failures, CancellationToken ct)
    {
        var until = now + LockDuration;
        account.ResetLockedUntil = until;
        account.ResetCodeHash = null;
        account.ResetCodeExpires = null;
        audit.Record(data, AuditTrail.AnonymousActor, AuditActions.UserPasswordResetLocked, AuditEntityTypes.User, account.Username,
            new { failures, lockedUntil = until });
        await data.SaveChangesAsync(ct);
        throw new ValidationFailedException("code", Locked(until));
    }
}
