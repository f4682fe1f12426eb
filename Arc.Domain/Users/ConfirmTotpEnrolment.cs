using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;

namespace Arc.Domain.Users;

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
        if (device.Length > MaxDeviceLength || PlainText.HasHiddenCharacters(device))
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
