using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>
/// Who an OpenID provider says signed in. <see cref="TenantId"/> is Entra's <c>tid</c> claim (with <see cref="Subject"/>
/// its <c>oid</c>); other providers leave it null and vouch for the email through <c>email_verified</c>.
/// <see cref="MfaAsserted"/>: the provider's <c>amr</c> claim names a second factor.
/// </summary>
public sealed record ExternalIdentity(string Provider, string? Subject, string? Email, bool EmailVerified, string? TenantId = null,
    bool MfaAsserted = false)
{
    public const string Entra = "entra";

    /// <summary>The authentication methods of RFC 8176 that are, or include, a second factor.</summary>
    private static readonly HashSet<string> SecondFactors = new(StringComparer.OrdinalIgnoreCase)
        { "mfa", "otp", "hwk", "swk", "sms", "sc", "fpt", "face", "iris", "retina", "vbm", "tel" };

    public static bool NamesSecondFactor(IEnumerable<string> methods) => methods.Any(SecondFactors.Contains);

    /// <summary>Not Entra, or of the one Entra tenant the portal accepts.</summary>
    public bool IsOfTenant(ExternalAccountSettings settings) =>
        Provider != Entra || (settings.EntraTenantId is not null && string.Equals(TenantId, settings.EntraTenantId, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The key a portal user is linked to this identity by (<c>provider|subject</c>, Entra's <c>entra|tid|oid</c>), and for
    /// Entra the key of links made before the tenant was part of it, which move to the new key (the tenant is checked first).
    /// </summary>
    public (string Key, string? Earlier) SubjectKeys() => Provider == Entra
        ? ($"{Provider}|{TenantId!.ToLowerInvariant()}|{Subject}", $"{Provider}|{Subject}")
        : ($"{Provider}|{Subject}", null);
}

/// <summary>The Entra tenant whose accounts may sign in (<c>AzureAd:TenantId</c>); null when Entra is not configured.</summary>
public sealed record ExternalAccountSettings(string? EntraTenantId);

/// <summary>
/// Signs in someone an OpenID provider (Cognito, Entra ID) vouched for. Accounts are created by administrators only,
/// so the person must already have a portal user: found by the provider's subject, or the first time by an email the
/// provider vouches for, after which the subject is remembered. Entra accounts are known by tenant and object id
/// (<c>entra|tid|oid</c>) and only the configured tenant's are accepted; their email links an account only when the
/// tenant owns its domain (the <c>xms_edov</c> claim), never on the word of an editable profile field. A temporary
/// password of an invited account is voided on linking.
/// An account marked "MFA required" needs the provider to assert a second factor (<c>amr</c>); otherwise it passes the
/// portal's own authenticator step, and without an authenticator it is refused.
/// </summary>
public sealed class SignInWithExternalAccount(IArcDataFactory dataFactory, AuditTrail audit, TimeProvider time, ExternalAccountSettings settings) : IUseCase
{
    public const int MaxSubjectLength = 300;

    public async Task<SignInResult> HandleAsync(ExternalIdentity identity, CancellationToken ct = default)
    {
        var provider = identity.Provider;
        var address = (identity.Email ?? "").Trim().ToLowerInvariant();
        await using var data = dataFactory.Open();
        if (string.IsNullOrWhiteSpace(identity.Subject) || (provider == ExternalIdentity.Entra && string.IsNullOrWhiteSpace(identity.TenantId)))
            return await RefuseAsync(data, provider, address, "no subject", "The sign-in service did not say who you are.", ct);
        var emailTrusted = identity.EmailVerified;
        if (!identity.IsOfTenant(settings))
            return await RefuseAsync(data, provider, address, "another tenant",
                "Accounts of another Microsoft Entra organisation cannot sign in to this portal.", ct);
        var (key, earlierKey) = identity.SubjectKeys();
        if (key.Length > MaxSubjectLength)
            return new SignInResult(SignInOutcome.InvalidCredentials, "The sign-in service sent an identifier the portal cannot use.");
        var user = await data.FirstOrDefaultAsync(data.Users.Where(u => u.ExternalSubject == key || (earlierKey != null && u.ExternalSubject == earlierKey)), ct);
        if (user is not null)
            user.ExternalSubject = key;
        var linkNow = false;
        if (user is null && emailTrusted && EmailAddress.IsValid(address))
        {
            user = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Email == address && u.ExternalSubject == null), ct);
            // Linked only once the sign-in goes through: a refused or unfinished one changes nothing about the account.
            linkNow = user is not null;
        }
        if (user is null)
            return await RefuseAsync(data, provider, address, "no portal account", "There is no portal account for you yet. Ask an administrator to create one.", ct);
        if (!user.Enabled)
        {
            audit.Record(data, user.Username, AuditActions.UserSignInFailed, AuditEntityTypes.User, user.Username, new { provider, reason = "disabled" });
            await data.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.Disabled, "This account is disabled. Ask an administrator to enable it.");
        }
        if (user.Mfa == MfaPreference.Required && !identity.MfaAsserted)
        {
            if (user.TotpEnabled)
            {
                await data.SaveChangesAsync(ct);
                return new SignInResult(SignInOutcome.CodeRequired, "Enter the 6-digit code from your authenticator app.", user);
            }
            audit.Record(data, user.Username, AuditActions.UserSignInFailed, AuditEntityTypes.User, user.Username, new { provider, reason = "no second factor" });
            await data.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.MfaRequired,
                "Your account needs multi-factor authentication: sign in with your password and authenticator, or with a second factor at the sign-in service.");
        }
        if (linkNow)
            Link(user, key);
        user.RecordSignIn(time.GetUtcNow());
        audit.Record(data, user.Username, AuditActions.UserSignedIn, AuditEntityTypes.User, user.Username,
            new { method = provider, secondFactor = identity.MfaAsserted });
        await data.SaveChangesAsync(ct);
        return await SignInResult.SucceededAsync(data, user, ct);
    }

    private static void Link(User user, string key)
    {
        user.ExternalSubject = key;
        if (user.Status != DirectoryStatus.ForceChangePassword)
            return;
        user.PasswordHash = null;
        user.MustChangePassword = false;
        user.TemporaryPasswordExpires = null;
        user.Status = DirectoryStatus.Confirmed;
    }

    private async Task<SignInResult> RefuseAsync(IArcData data, string provider, string address, string reason, string message, CancellationToken ct)
    {
        audit.Record(data, AuditTrail.SystemActor, AuditActions.UserSignInFailed, AuditEntityTypes.User, AuditTrail.UnknownUser,
            new { provider, email = address.Length > 254 ? address[..254] : address, reason });
        await data.SaveChangesAsync(ct);
        return new SignInResult(SignInOutcome.InvalidCredentials, message);
    }
}
