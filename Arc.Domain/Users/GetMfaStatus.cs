using Arc.Domain.Authorities;
using Arc.Domain.Common;

namespace Arc.Domain.Users;

public sealed record MfaStatus(bool Enabled, bool Required, string? Device, TotpEnrolment? Pending);

/// <summary>One's authenticator state, with the enrolment started but not yet confirmed, if any (to show its QR code again).</summary>
public sealed class GetMfaStatus(IArcDataFactory dataFactory, ICurrentUser user, IKeyVault vault) : IUseCase
{
    public async Task<MfaStatus> HandleAsync(CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        TotpEnrolment? pending = null;
        if (!account.TotpEnabled && account.TotpCiphertext is not null)
        {
            var secret = await vault.UnsealAsync(new SealedSecret(account.TotpKeyReference!, account.TotpCiphertext), SealContext.Totp(account.Username), ct);
            pending = TotpEnrolment.For(secret, account.Email);
        }
        return new MfaStatus(account.TotpEnabled, account.Mfa == MfaPreference.Required, account.TotpDevice, pending);
    }
}
