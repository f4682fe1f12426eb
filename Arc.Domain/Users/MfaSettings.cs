namespace Arc.Domain.Users;

/// <summary>
/// Whether every local account (one that signs in with a portal password) must use an authenticator app
/// (<c>Portal:Mfa:RequiredForLocalAccounts</c>; on by default outside Development). Such accounts are marked "required"
/// at their next sign-in, enrol before anything else, and cannot be switched below "required" while the setting is on.
/// </summary>
public sealed class MfaSettings
{
    public const string Section = "Portal:Mfa";

    public bool RequiredForLocalAccounts { get; set; }

    public bool Requires(User account) => RequiredForLocalAccounts && account.PasswordHash is not null;
}
