using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

public sealed record TotpEnrolment(string Secret, string Uri);

public sealed record MfaStatus(bool Enabled, bool Required, string? Device, TotpEnrolment? Pending);

/// <summary>
/// Starts enrolling an authenticator app for oneself: a new secret (sealed by the key vault) whose QR code the page
/// shows. Starting again replaces the secret, and an enrolled authenticator stops working until the new one is confirmed;
/// replacing an enrolled one therefore asks for the current password or code.
/// </summary>
public sealed class StartTotpEnrolment(IArcDataFactory dataFactory, ICurrentUser user, IKeyVault vault, Reauthentication reauthentication, AuditTrail audit)
    : IUseCase
{
    public const string Issuer = "Arc Portal";

    public async Task<TotpEnrolment> HandleAsync(string? proof = null, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        if (account.TotpEnabled)
            await reauthentication.RequireAsync(data, account, proof, ct);
        var secret = Totp.NewSecret();
        var sealedSecret = await vault.SealAsync(secret, SealContext.Totp(username), ct: ct);
        account.TotpCiphertext = sealedSecret.Ciphertext;
        account.TotpKeyReference = sealedSecret.KeyReference;
        account.TotpEnabled = false;
        account.TotpDevice = null;
        audit.Record(data, username, AuditActions.UserMfaEnrolmentStarted, AuditEntityTypes.User, username, new { });
        await data.SaveChangesAsync(ct);
        return new TotpEnrolment(Totp.Base32(secret), Totp.Uri(Issuer, account.Email, secret));
    }

    /// <summary>One's authenticator state, with the enrolment started but not yet confirmed, if any (to show its QR code again).</summary>
    public async Task<MfaStatus> StatusAsync(CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        TotpEnrolment? pending = null;
        if (!account.TotpEnabled && account.TotpCiphertext is not null)
        {
            var secret = await vault.UnsealAsync(new SealedSecret(account.TotpKeyReference!, account.TotpCiphertext), SealContext.Totp(account.Username), ct);
            pending = new TotpEnrolment(Totp.Base32(secret), Totp.Uri(Issuer, account.Email, secret));
        }
        return new MfaStatus(account.TotpEnabled, account.Mfa == MfaPreference.Required, account.TotpDevice, pending);
    }
}

/// <summary>Confirms the enrolment with a code from the app and a name for the device; from then on sign-in asks for a code.</summary>
public sealed class ConfirmTotpEnrolment(IArcDataFactory dataFactory, ICurrentUser user, IKeyVault vault, AuditTrail audit, TimeProvider time) : IUseCase
{
    public const int MaxDeviceLength = 25;

    public async Task HandleAsync(string? code, string? deviceName, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        if (code is not { Length: Totp.Digits } || !code.All(char.IsAsciiDigit))
            throw new ValidationFailedException("code", "The code is exactly 6 digits.");
        var device = (deviceName ?? "").Trim();
        if (device.Length == 0)
            throw new ValidationFailedException("device", "Give the device a name.");
        if (device.Length > MaxDeviceLength || device.Any(char.IsControl))
            throw new ValidationFailedException("device", $"A device name has at most {MaxDeviceLength} characters.");
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        if (account.TotpCiphertext is null)
            throw new ConflictException("Start the enrolment first.");
        var secret = await vault.UnsealAsync(new SealedSecret(account.TotpKeyReference!, account.TotpCiphertext), SealContext.Totp(account.Username), ct);
        var counter = Totp.Verify(secret, code, time.GetUtcNow(), account.TotpLastCounter)
            ?? throw new ValidationFailedException("code", "That code is not right. Check the time on your phone and try the next code.");
        account.TotpLastCounter = counter;
        account.TotpEnabled = true;
        account.TotpDevice = device;
        if (account.Mfa == MfaPreference.Off)
            account.Mfa = MfaPreference.Optional;
        audit.Record(data, username, AuditActions.UserMfaEnrolled, AuditEntityTypes.User, username, new { device });
        await data.SaveChangesAsync(ct);
    }
}

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
