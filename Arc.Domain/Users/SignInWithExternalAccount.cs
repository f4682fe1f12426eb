using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>
/// Signs in someone an OpenID provider (Cognito, Entra ID) vouched for. Accounts are created by administrators only,
/// so the person must already have a portal user: found by the provider's subject, or the first time by their verified
/// email, after which the subject is remembered. A temporary password of an invited account is voided on linking.
/// </summary>
public sealed class SignInWithExternalAccount(IArcDataFactory dataFactory, AuditTrail audit, TimeProvider time) : IUseCase
{
    public const int MaxSubjectLength = 300;

    public async Task<SignInResult> HandleAsync(string provider, string? subject, string? email, bool emailVerified, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(subject))
            return new SignInResult(SignInOutcome.InvalidCredentials, "The sign-in service did not say who you are.");
        var key = $"{provider}|{subject}";
        if (key.Length > MaxSubjectLength)
            return new SignInResult(SignInOutcome.InvalidCredentials, "The sign-in service sent an identifier the portal cannot use.");
        var address = (email ?? "").Trim().ToLowerInvariant();
        var now = time.GetUtcNow();
        await using var data = dataFactory.Open();
        var user = await data.FirstOrDefaultAsync(data.Users.Where(u => u.ExternalSubject == key), ct);
        if (user is null && emailVerified && EmailAddress.IsValid(address))
        {
            user = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Email == address && u.ExternalSubject == null), ct);
            if (user is not null)
            {
                user.ExternalSubject = key;
                if (user.Status == DirectoryStatus.ForceChangePassword)
                {
                    user.PasswordHash = null;
                    user.MustChangePassword = false;
                    user.TemporaryPasswordExpires = null;
                    user.Status = DirectoryStatus.Confirmed;
                }
            }
        }
        if (user is null)
        {
            audit.Record(data, AuditTrail.SystemActor, AuditActions.UserSignInFailed, AuditEntityTypes.User, "unknown",
                new { provider, email = address.Length > 254 ? address[..254] : address, reason = "no portal account" });
            await data.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.InvalidCredentials, "There is no portal account for you yet. Ask an administrator to create one.");
        }
        if (!user.Enabled)
        {
            audit.Record(data, user.Username, AuditActions.UserSignInFailed, AuditEntityTypes.User, user.Username, new { provider, reason = "disabled" });
            await data.SaveChangesAsync(ct);
            return new SignInResult(SignInOutcome.Disabled, "This account is disabled. Ask an administrator to enable it.");
        }
        user.RecordSignIn(now);
        audit.Record(data, user.Username, AuditActions.UserSignedIn, AuditEntityTypes.User, user.Username, new { method = provider });
        await data.SaveChangesAsync(ct);
        return await SignInResult.SucceededAsync(data, user, ct);
    }
}
