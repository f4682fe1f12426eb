using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

/// <summary>
/// Makes a waiting email change take effect with the code sent to the new address (entered by the user, or by an
/// administrator the user reads it to). The old address is told, the security stamp rotates and every session ends:
/// the account signs in again with its new address.
/// </summary>
public sealed class ConfirmEmailChange(IArcDataFactory dataFactory, ICurrentUser user, IUserDirectory directory, IPasswordHashing hashing,
    EmailOutbox outbox, DirectoryChanges changes, TimeProvider time) : IUseCase
{
    public const int MaxAttempts = 5;

    public async Task<string> HandleAsync(string username, string? code, CancellationToken ct = default)
    {
        var caller = await user.RequireSelfOrAsync(username, Perm.UserProfileWrite, ct);
        var text = (code ?? "").Trim();
        if (text.Length != 6 || !text.All(char.IsAsciiDigit))
            throw new ValidationFailedException("code", "The code is the 6 digits sent to the new address.");
        var now = time.GetUtcNow();
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        await ElevationRules.RequireNotAboveAsync(data, user, caller, username, ct);
        if (account.PendingEmail is null || account.PendingEmailCodeHash is null)
            throw new ConflictException("No email change is waiting for a code.");
        if (account.PendingEmailExpires < now)
        {
            ClearPending(account);
            await data.SaveChangesAsync(ct);
            throw new ValidationFailedException("code", "The code has expired. Change the email again to get a new one.");
        }
        if (!hashing.Verify(account.PendingEmailCodeHash, text, out _))
        {
            // Counted in one statement: wrong codes sent at once all count.
            var voided = await data.IncrementAsync(account, u => u.PendingEmailAttempts, ct) >= MaxAttempts;
            if (voided)
                ClearPending(account);
            await data.SaveChangesAsync(ct);
            throw new ValidationFailedException("code", voided
                ? "Too many wrong codes: the email change is cancelled. Change the email again to get a new code."
                : "That code is not right.");
        }
        var (from, to) = (account.Email, account.PendingEmail);
        if (await data.AnyAsync(data.Users.Where(u => u.Email == to && u.Username != username), ct))
            throw new ConflictException($"A user with the email {to} exists already.");

        await changes.ApplyAsync(data, caller, AuditActions.UserEmailChanged, username, new { from, to },
            () => directory.UpdateAttributesAsync(username, to, account.DisplayName ?? "", account.Phone, ct),
            async () =>
            {
                account.Email = to;
                ClearPending(account);
                account.RotateSecurityStamp();
                await SessionKeeper.EndAllAsync(data, username, SessionEndReasons.EmailChanged, now, ct);
                await outbox.QueueAsync(data, from, EmailTemplates.EmailChanged,
                    new { name = account.Name, oldEmail = from, newEmail = to, at = now.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) },
                    ct: ct);
            }, ct);
        outbox.Deliver();
        return to;
    }

    private static void ClearPending(User account)
    {
        account.PendingEmail = null;
        account.PendingEmailCodeHash = null;
        account.PendingEmailExpires = null;
        account.PendingEmailAttempts = 0;
    }
}
