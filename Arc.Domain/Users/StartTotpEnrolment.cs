using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>
/// Starts enrolling an authenticator app for oneself: a new secret (sealed by the key vault) whose QR code the page
/// shows. Starting again replaces the secret, and an enrolled authenticator stops working until the new one is confirmed;
/// replacing an enrolled one therefore asks for the current password or code.
/// </summary>
public sealed class StartTotpEnrolment(IArcDataFactory dataFactory, ICurrentUser user, IKeyVault vault, Reauthentication reauthentication, AuditTrail audit)
    : IUseCase
{
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
        return TotpEnrolment.For(secret, account.Email);
    }
}
