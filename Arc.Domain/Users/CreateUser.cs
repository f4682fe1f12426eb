using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

public sealed record NewUser(string? DisplayName, string? Email, string? Phone, string Mfa = MfaPreference.Off, IReadOnlyList<int>? GroupIds = null);

/// <summary>
/// Creates a user (spec users_create_user): an invited account in the directory with a temporary password, the
/// profile, the chosen permission groups (the <c>arcimoto</c> group when none is chosen) and the invitation email,
/// which goes through the outbox. A directory account whose profile cannot be saved is deleted again. The intent is
/// audited (against the email) before the directory is asked, and a failure after it.
/// </summary>
public sealed class CreateUser(IArcDataFactory dataFactory, ICurrentUser user, IUserDirectory directory, EmailOutbox outbox, PortalEnvironment environment,
    MfaSettings mfaSettings, AuditTrail audit, DirectoryChanges changes, TimeProvider time) : IUseCase
{
    public const int DefaultGroupId = 9;

    public async Task<string> HandleAsync(NewUser command, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.UserCreate, ct);
        var name = UserRules.Name(command.DisplayName);
        var email = UserRules.Email(command.Email);
        var phone = UserRules.Phone(command.Phone);
        var mfa = UserRules.Mfa(command.Mfa);
        if (mfaSettings.RequiredForLocalAccounts && directory.Name == "local")
            mfa = MfaPreference.Required;
        var groupIds = (command.GroupIds is { Count: > 0 } ids ? ids : [DefaultGroupId]).Distinct().ToList();
        var summary = new { email, name, groups = groupIds, mfa };
        string groupNames;
        await using (var check = dataFactory.Open())
        {
            if (await check.AnyAsync(check.Users.Where(u => u.Email == email), ct))
                throw new ValidationFailedException("email", $"A user with the email {email} exists already.");
            var known = await check.ListAsync(check.PermissionGroups.Where(g => groupIds.Contains(g.Id)).Select(g => new { g.Id, g.Name }), ct);
            if (known.Count != groupIds.Count)
                throw new ValidationFailedException("groups", $"Permission group {groupIds.Except(known.Select(g => g.Id)).First()} does not exist.");
            groupNames = InvitationGroups.Describe(known.Select(g => g.Name));
            // Whoever creates an account with an address they read could otherwise hand themselves any group.
            await ElevationRules.RequireHoldsAllAsync(user, actor,
                await check.ListAsync(check.GroupPermissions.Where(p => groupIds.Contains(p.GroupId)).Select(p => p.Permission), ct),
                AuditEntityTypes.User, email, ct);
            await changes.RequestAsync(check, actor, AuditActions.UserCreated, email, summary, ct);
        }

        var temporary = TemporaryPasswords.Generate();
        DirectoryUser created;
        try
        {
            created = await changes.CallAsync(actor, AuditActions.UserCreated, email, () => directory.CreateAsync(new NewDirectoryUser(email, name, phone, temporary), ct));
        }
        catch (ConflictException)
        {
            throw new ValidationFailedException("email", $"A user with the email {email} exists already.");
        }
        try
        {
            if (mfa != MfaPreference.Off)
                await directory.SetMfaAsync(created.Username, mfa, ct);
            await using var data = dataFactory.Open();
            var profile = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == created.Username), ct);
            if (profile is null)
            {
                profile = new User { Username = created.Username, Email = email, Created = time.GetUtcNow() };
                data.Add(profile);
            }
            profile.DisplayName = name;
            profile.Phone = phone;
            profile.Status = DirectoryStatus.ForceChangePassword;
            profile.Mfa = mfa;
            foreach (var group in groupIds)
                data.Add(new GroupMember { GroupId = group, Username = created.Username });
            await outbox.QueueAsync(data, email, EmailTemplates.UserInvitation, new
            {
                name, email, temporaryPassword = temporary, signInUrl = environment.Link("account/login"), validDays = (int)TemporaryPasswords.ValidFor.TotalDays,
                groups = groupNames,
            }, ct);
            audit.Record(data, actor, AuditActions.UserCreated, AuditEntityTypes.User, created.Username, summary);
            await data.SaveChangesAsync(ct);
        }
        catch (Exception e)
        {
            var undone = "The directory account was made, then deleted again.";
            try
            {
                await directory.DeleteAsync(created.Username, CancellationToken.None);
            }
            catch
            {
                undone = $"The directory account {created.Username} was made and could not be deleted again; delete it in the directory.";
            }
            await changes.RecordFailureAsync(actor, AuditActions.UserCreated, email, e, undone);
            throw;
        }
        outbox.Deliver();
        return created.Username;
    }
}
