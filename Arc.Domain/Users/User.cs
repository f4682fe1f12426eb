using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>A portal user: profile (spec user_profile) plus the local account's credentials and state.</summary>
public class User : Common.IVersioned
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>The stable id (the directory's subject, a UUID).</summary>
    public required string Username { get; set; }
    public required string Email { get; set; }
    public string? DisplayName { get; set; }
    public string? Phone { get; set; }
    public byte[]? Avatar { get; set; }
    public string? AvatarFileType { get; set; }
    /// <summary>The row version; it changes with every write of the account, and when its permission groups change.</summary>
    public uint Version { get; set; }

    public string? PasswordHash { get; set; }
    public bool Enabled { get; set; } = true;
    public bool MustChangePassword { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Changes whenever credentials or access change, which ends every open session of the user.</summary>
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset? LastSignIn { get; set; }

    /// <summary>The directory's view of the account (Cognito's UserStatus): see <see cref="DirectoryStatus"/>.</summary>
    public string Status { get; set; } = Users.DirectoryStatus.Confirmed;
    /// <summary>Until when the temporary password of an invitation works.</summary>
    public DateTimeOffset? TemporaryPasswordExpires { get; set; }
    /// <summary><c>off</c>, <c>optional</c> or <c>required</c> (see <see cref="MfaPreference"/>).</summary>
    public string Mfa { get; set; } = MfaPreference.Off;

    /// <summary>The OpenID provider's identifier for this person (<c>provider|subject</c>), once they signed in through it.</summary>
    public string? ExternalSubject { get; set; }

    /// <summary>The authenticator secret, sealed by the key vault (enrolment pending until <see cref="TotpEnabled"/>).</summary>
    public byte[]? TotpCiphertext { get; set; }
    public string? TotpKeyReference { get; set; }
    public bool TotpEnabled { get; set; }
    public string? TotpDevice { get; set; }
    /// <summary>The time step of the last code accepted, so a code works once.</summary>
    public long TotpLastCounter { get; set; }

    /// <summary>A password-reset code (hashed), its expiry and the wrong guesses made at it.</summary>
    public string? ResetCodeHash { get; set; }
    public DateTimeOffset? ResetCodeExpires { get; set; }
    public int ResetCodeAttempts { get; set; }
    /// <summary>Wrong reset codes since the last successful reset, across codes; too many lock resets for a day.</summary>
    public int ResetFailures { get; set; }
    public DateTimeOffset? ResetLockedUntil { get; set; }

    /// <summary>An email change waiting for the new address to confirm its code (hashed), with its expiry and wrong guesses.</summary>
    public string? PendingEmail { get; set; }
    public string? PendingEmailCodeHash { get; set; }
    public DateTimeOffset? PendingEmailExpires { get; set; }
    public int PendingEmailAttempts { get; set; }

    /// <summary>
    /// MFA is required but no authenticator is enrolled yet, for an account that signs in with a password: it may do
    /// nothing else until it is. An account without a password signs in through a provider, which must assert the
    /// second factor itself (see <see cref="SignInWithExternalAccount"/>).
    /// </summary>
    public bool MustEnrolMfa => Mfa == MfaPreference.Required && !TotpEnabled && PasswordHash is not null;

    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? Email : DisplayName;

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>
    /// Counts a failed sign-in and locks the account after too many in a row. The count is one statement on the row, so
    /// that attempts made at once (on several nodes) all count; it commits with the unit of work's next save.
    /// </summary>
    public async Task<bool> RecordFailedSignInAsync(IArcData data, DateTimeOffset now, CancellationToken ct) =>
        LockIfTooMany(await data.IncrementAsync(this, u => u.FailedSignIns, ct), now);

    /// <summary>Locks the account once <paramref name="failures"/> in a row reach the limit, and starts the count afresh.</summary>
    public bool LockIfTooMany(int failures, DateTimeOffset now)
    {
        if (failures < MaxFailedSignIns)
            return false;
        LockedUntil = now + LockoutDuration;
        FailedSignIns = 0;
        return true;
    }

    public void RecordSignIn(DateTimeOffset now)
    {
        FailedSignIns = 0;
        LockedUntil = null;
        LastSignIn = now;
    }

    public void RotateSecurityStamp() => SecurityStamp = Guid.NewGuid().ToString("N");
}
