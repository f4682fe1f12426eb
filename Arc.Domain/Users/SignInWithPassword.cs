using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Users;

public enum SignInOutcome
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
    Disabled,
    /// <summary>The password was right; the account has an authenticator, so a code must follow.</summary>
    CodeRequired,
    /// <summary>The sign-in service vouched for the person without a second factor, which the account needs.</summary>
    MfaRequired,
}

/// <param name="LandingPage">Where the user chose to land after signing in (a portal path), when they succeeded.</param>
public sealed record SignInResult(SignInOutcome Outcome, string Message, User? User = null, string LandingPage = "/")
{
    public bool Succeeded => Outcome == SignInOutcome.Succeeded;

    /// <summary>
    /// A successful sign-in, carrying where to land: the page the user chose if they can still open it, otherwise the
    /// vehicle list for those who may see it and their profile for everyone else (spec/portal.md §9.1). Sending the
    /// browser straight there saves a hop through the home page, which would only redirect again.
    /// </summary>
    public static async Task<SignInResult> SucceededAsync(IArcData data, User user, CancellationToken ct)
    {
        var chosen = await data.FirstOrDefaultAsync(data.UserPreferences
            .Where(p => p.Username == user.Username && p.Key == PreferenceKeys.LandingPage).Select(p => p.Value), ct);
        var permissions = (await data.ListAsync(data.GroupPermissions
            .Where(p => data.GroupMembers.Any(m => m.Username == user.Username && m.GroupId == p.GroupId))
            .Select(p => p.Permission).Distinct(), ct)).ToHashSet(StringComparer.Ordinal);
        return new SignInResult(SignInOutcome.Succeeded, "Signed in.", user, PreferenceKeys.LandingPageFor(chosen, permissions));
    }
}

/// <summary>
/// Checks an email and password against the local accounts, with lockout after repeated failures. Open to
/// anonymous callers by nature; every attempt is audited.
/// </summary>
public sealed class SignInWithPassword(IArcDataFactory dataFactory, IPasswordHashing hashing, MfaSettings mfa, AuditTrail audit, TimeProvider time) : IUseCase
{
    public const int MaxEmailLength = 254;
    private const string WrongCredentials = "The email or password is not correct.";

    public async Task<SignInResult> HandleAsync(string? email, string? password, CancellationToken ct = default)
    {
        var address = (email ?? "").Trim().ToLowerInvariant();
        if (address.Length == 0 || string.IsNullOrEmpty(password))
            return new SignInResult(SignInOutcome.InvalidCredentials, "Enter your email and password.");
        if (address.Length > MaxEmailLength || password.Length > PasswordPolicy.MaxLength)
            return new SignInResult(SignInOutcome.InvalidCredentials, WrongCredentials);

        var now = time.GetUtcNow();
        await using var data = dataFactory.Open();
        var user = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Email == address), ct);
        if (user?.PasswordHash is null)
        {
            // Spend the time a real check takes, so the answer's delay does not tell which addresses have an account.
            hashing.SpendAVerification(password);
            audit.Record(data, AuditTrail.SystemActor, AuditActions.UserSignInFailed, AuditEntityTypes.User, AuditTrail.UnknownUser,
                new { email = address, reason = "unknown account" });
            await data.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.InvalidCredentials, WrongCredentials);
        }

        if (user.IsLockedOut(now))
            return new SignInResult(SignInOutcome.LockedOut, LockedMessage(user.LockedUntil!.Value));

        if (!hashing.Verify(user.PasswordHash, password, out var rehash))
        {
            var locked = await user.RecordFailedSignInAsync(data, now, ct);
            audit.Record(data, user.Username, locked ? AuditActions.UserLockedOut : AuditActions.UserSignInFailed,
                AuditEntityTypes.User, user.Username, new { reason = "wrong password", locked });
            await data.SaveChangesAsync(ct);
            return locked
                ? new SignInResult(SignInOutcome.LockedOut, LockedMessage(user.LockedUntil!.Value))
                : new SignInResult(SignInOutcome.InvalidCredentials, WrongCredentials);
        }

        if (!user.Enabled)
        {
            audit.Record(data, user.Username, AuditActions.UserSignInFailed, AuditEntityTypes.User, user.Username, new { reason = "disabled" });
            await data.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.Disabled, "This account is disabled. Ask an administrator to enable it.");
        }

        if (user.MustChangePassword && user.TemporaryPasswordExpires is { } expires && expires < now)
        {
            audit.Record(data, user.Username, AuditActions.UserSignInFailed, AuditEntityTypes.User, user.Username, new { reason = "temporary password expired" });
            await data.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.InvalidCredentials,
                "Your temporary password has expired. Ask an administrator to send you a new invitation.");
        }

        if (rehash)
            user.PasswordHash = hashing.Hash(password);
        if (mfa.Requires(user) && user.Mfa != MfaPreference.Required)
        {
            // The deployment requires an authenticator for local accounts: enrolment comes before anything else.
            audit.Record(data, AuditTrail.SystemActor, AuditActions.UserMfaChanged, AuditEntityTypes.User, user.Username,
                new { from = user.Mfa, to = MfaPreference.Required, reason = "required for local accounts" });
            user.Mfa = MfaPreference.Required;
        }
        if (user.TotpEnabled)
        {
            await data.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.CodeRequired, "Enter the 6-digit code from your authenticator app.", user);
        }
        user.RecordSignIn(now);
        audit.Record(data, user.Username, AuditActions.UserSignedIn, AuditEntityTypes.User, user.Username, new { method = "password" });
        await data.SaveChangesAsync(ct);
        return await SignInResult.SucceededAsync(data, user, ct);
    }

    private static string LockedMessage(DateTimeOffset until) =>
        $"This account is locked after {User.MaxFailedSignIns} failed sign-ins. Try again after {until:HH:mm} UTC.";
}
