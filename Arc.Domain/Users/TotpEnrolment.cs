namespace Arc.Domain.Users;

/// <summary>An authenticator secret to enter or scan, started by <see cref="StartTotpEnrolment"/> and shown again by <see cref="GetMfaStatus"/>.</summary>
public sealed record TotpEnrolment(string Secret, string Uri)
{
    public const string Issuer = "Arc Portal";

    public static TotpEnrolment For(byte[] secret, string email) => new(Totp.Base32(secret), Totp.Uri(Issuer, email, secret));
}
