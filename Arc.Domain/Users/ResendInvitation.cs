using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

/// <summary>Sends an invited user a new temporary password (only while they have not signed in yet).</summary>
public sealed class ResendInvitation(IArcDataFactory dataFactory, ICurrentUser user, IUserDirectory directory, EmailOutbox outbox, PortalEnvironment environment,
    DirectoryChanges changes, IRateLimits limits) : IUseCase
{
    public async Task HandleAsync(string username, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.UserResendInvite, ct);
        await limits.RequireAsync(actor, RateLimitedOperations.InvitationResends, ct);
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        if (account.Status != DirectoryStatus.ForceChangePassword)
            throw new ConflictException($"{account.Name} has already chosen a password; there is no invitation to send again.");
        var groups = InvitationGroups.Describe(await data.ListAsync(
            data.PermissionGroups.Where(g => data.GroupMembers.Any(m => m.Username == username && m.GroupId == g.Id)).Select(g => g.Name), ct));
        var temporary = TemporaryPasswords.Generate();
        await changes.ApplyAsync(data, actor, AuditActions.UserInvitationResent, username, new { email = account.Email },
            () => directory.SetTemporaryPasswordAsync(username, temporary, ct),
            () => outbox.QueueAsync(data, account.Email, EmailTemplates.UserInvitation, new
            {
                name = account.Name, email = account.Email, temporaryPassword = temporary, signInUrl = environment.Link("account/login"),
                validDays = (int)TemporaryPasswords.ValidFor.TotalDays, groups,
            }, ct), ct);
        outbox.Deliver();
    }
}
