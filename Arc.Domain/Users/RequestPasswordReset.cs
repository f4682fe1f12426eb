using System.Globalization;
using System.Security.Cryptography;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Email;

namespace Arc.Domain.Users;

/// <summary>
/// "Forgot password", step one: emails a 6-digit code valid for 15 minutes. The answer is the same whether or not the
/// address has an account, and whether or not a code was sent (at most one a minute; none while resets are locked, none
/// to an account that signs in through an identity provider), so the form cannot be used to find out who has one.
/// Requests are throttled per email address and per client address before anything is looked up.
/// </summary>
public sealed class RequestPasswordReset(IArcDataFactory dataFactory, IPasswordHashing hashing, EmailOutbox outbox, PortalEnvironment environment,
    AuditTrail audit, TimeProvider time, IRateLimits limits, PasswordResetOptions options) : IUseCase
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromMinutes(15);
    public const string Answer = "If an account has this address, a code is on its way to it. It is valid for 15 minutes.";

    /// <param name="client">The client's network address (after trusted proxies), for the per-client throttle.</param>
    public async Task<string> HandleAsync(string? email, string? client, CancellationToken ct = default)
    {
        var address = (email ?? "").Trim().ToLowerInvariant();
        if (!EmailAddress.IsValid(address))
            throw new ValidationFailedException("email", "Enter a valid email address.");
        if (!limits.TryAcquire("reset-request-client|" + PasswordResetOptions.ClientKey(client), options.RequestsPerClient, options.Window)
            || !limits.TryAcquire("reset-request-address|" + address, options.RequestsPerAddress, options.Window))
            throw new TooManyRequestsException(options.Throttled("code requests"));
        var now = time.GetUtcNow();
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Email == address), ct);
        if (account is null || !account.Enabled)
        {
            // As long as making a code takes, so the answer's delay does not tell which addresses have an account.
            hashing.SpendAVerification(address);
            return Answer;
        }
        if (account.ExternalSubject is not null || account.ResetLockedUntil > now)
        {
            hashing.SpendAVerification(address);
            var reason = account.ExternalSubject is not null ? "signs in through an identity provider" : "resets locked after wrong codes";
            audit.Record(data, AuditTrail.AnonymousActor, AuditActions.UserPasswordResetRefused, AuditEntityTypes.User, account.Username,
                new { reason, lockedUntil = account.ResetLockedUntil });
            await data.SaveChangesAsync(ct);
            return Answer;
        }
        if (account.ResetCodeExpires is { } expires && expires - ValidFor > now.AddMinutes(-1))
            return Answer;
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        account.ResetCodeHash = hashing.Hash(code);
        account.ResetCodeExpires = now + ValidFor;
        account.ResetCodeAttempts = 0;
        if (account.ResetLockedUntil is not null)
        {
            // A lock that ran out starts the count afresh.
            account.ResetLockedUntil = null;
            account.ResetFailures = 0;
        }
        await outbox.QueueAsync(data, account.Email, EmailTemplates.PasswordReset,
            new { name = account.Name, code, validMinutes = (int)ValidFor.TotalMinutes, resetUrl = environment.Link("account/forgot-password") }, ct);
        audit.Record(data, account.Username, AuditActions.UserPasswordResetRequested, AuditEntityTypes.User, account.Username, new { });
        await data.SaveChangesAsync(ct);
        outbox.Deliver();
        return Answer;
    }
}
