using System.Security.Cryptography;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

/// <param name="Proof">The caller's current password or authenticator code; needed when the email or phone changes.</param>
/// <param name="RowVersion">The account's version the caller's page read (<see cref="UserDetail.RowVersion"/>).</param>
public sealed record ProfileChange(string? DisplayName, string? Email, string? Phone, string? Proof = null, uint? RowVersion = null);

/// <param name="EmailAwaitingConfirmation">The new address a code was sent to, when the email is to change.</param>
public sealed record ProfileUpdate(string? EmailAwaitingConfirmation);

/// <summary>
/// Changes a profile's name and phone at once, mirrored to the user pool (spec users_profile_update). A new email takes
/// effect only once the new address confirms the code sent to it (<see cref="ConfirmEmailChange"/>). Changing the email or
/// phone asks for the caller's password or authenticator code in the same form.
/// </summary>
public sealed class UpdateUserProfile(IArcDataFactory dataFactory, ICurrentUser user, IUserDirectory directory, IPasswordHashing hashing,
    Reauthentication reauthentication, EmailOutbox outbox, PortalEnvironment environment, AuditTrail audit, DirectoryChanges changes, TimeProvider time) : IUseCase
{
    public static readonly TimeSpan CodeValidFor = TimeSpan.FromMinutes(30);

    public async Task<ProfileUpdate> HandleAsync(string username, ProfileChange change, CancellationToken ct = default)
    {
        var caller = await user.RequireSelfOrAsync(username, Perm.UserProfileWrite, ct);
        var name = UserRules.Name(change.DisplayName);
        var email = UserRules.Email(change.Email);
        var phone = UserRules.Phone(change.Phone);
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        await ElevationRules.RequireNotAboveAsync(data, user, caller, username, ct);
        var emailChanges = email != account.Email;
        if (emailChanges && await data.AnyAsync(data.Users.Where(u => u.Email == email), ct))
            throw new ValidationFailedException("email", $"A user with the email {email} exists already.");
        if (name == account.DisplayName && !emailChanges && phone == account.Phone)
            return new ProfileUpdate(null);
        if (emailChanges || phone != account.Phone)
            await reauthentication.RequireCallerAsync(data, account, caller, change.Proof, ct);

        data.ExpectVersion(account, change.RowVersion, UserDetail.Thing(account));
        if (name != account.DisplayName || phone != account.Phone)
        {
            // The pool's copy changes first; the email change below waits for it and goes with the outcome.
            await changes.ApplyAsync(data, caller, AuditActions.UserProfileChanged, username,
                new { from = new { account.DisplayName, account.Phone }, to = new { DisplayName = name, Phone = phone } },
                () => directory.UpdateAttributesAsync(username, null, name, phone, ct),
                async () =>
                {
                    account.DisplayName = name;
                    account.Phone = phone;
                    if (emailChanges)
                        await RequestEmailChangeAsync(data, account, caller, email, ct);
                }, ct);
        }
        else
        {
            await RequestEmailChangeAsync(data, account, caller, email, ct);
            await data.SaveChangesAsync(ct);
        }
        if (emailChanges)
            outbox.Deliver();
        return new ProfileUpdate(emailChanges ? email : null);
    }

    /// <summary>Keeps the new address waiting for the code it is sent (the change takes effect in <see cref="ConfirmEmailChange"/>).</summary>
    private async Task RequestEmailChangeAsync(IArcData data, User account, string caller, string email, CancellationToken ct)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        account.PendingEmail = email;
        account.PendingEmailCodeHash = hashing.Hash(code);
        account.PendingEmailExpires = time.GetUtcNow() + CodeValidFor;
        account.PendingEmailAttempts = 0;
        await outbox.QueueAsync(data, email, EmailTemplates.EmailChangeCode,
            new { name = account.Name, code, validMinutes = (int)CodeValidFor.TotalMinutes, profileUrl = environment.Link("profile") }, ct);
        audit.Record(data, caller, AuditActions.UserEmailChangeRequested, AuditEntityTypes.User, account.Username, new { from = account.Email, to = email });
    }
}
