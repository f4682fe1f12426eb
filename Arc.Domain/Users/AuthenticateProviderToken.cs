using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>Whom a provider's bearer token speaks for, or why it is refused.</summary>
public sealed record ProviderTokenResult(User? User, string? Refusal);

/// <summary>
/// The API's check of a bearer token the configured OpenID provider (Cognito, Entra ID) issued to a member of staff, as
/// the old Cognito authorizer accepted them. It never creates or links an account: the identity must already be linked
/// to a portal user, which the first interactive sign-in with the provider does (<see cref="SignInWithExternalAccount"/>).
/// The user must be enabled, and an account marked "MFA required" needs the token to assert a second factor: a call
/// has no way to ask for the portal's own code. Nothing is written, so a call costs one read.
/// </summary>
public sealed class AuthenticateProviderToken(IArcDataFactory dataFactory, ExternalAccountSettings settings) : IUseCase
{
    public async Task<ProviderTokenResult> HandleAsync(ExternalIdentity identity, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(identity.Subject) || (identity.Provider == ExternalIdentity.Entra && string.IsNullOrWhiteSpace(identity.TenantId)))
            return new(null, "The token does not say whom it was issued to.");
        if (!identity.IsOfTenant(settings))
            return new(null, "The token is of another Microsoft Entra organisation.");
        var (key, earlier) = identity.SubjectKeys();
        if (key.Length > SignInWithExternalAccount.MaxSubjectLength)
            return new(null, "The token names a subject the portal cannot use.");
        await using var data = dataFactory.Open();
        var user = await data.FirstOrDefaultAsync(data.Users.Where(u => u.ExternalSubject == key || (earlier != null && u.ExternalSubject == earlier)), ct);
        if (user is null)
            return new(null, "No portal account is linked to this identity; sign in to the portal with the provider once first.");
        if (!user.Enabled)
            return new(null, "This account is disabled.");
        if (user.Mfa == MfaPreference.Required && !identity.MfaAsserted)
            return new(null, "This account needs a second factor, which the token does not assert.");
        return new(user, null);
    }
}
