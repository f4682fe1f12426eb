using System.Text.RegularExpressions;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

public sealed record UserQuery(string? Search = null, string? Status = null, int? GroupId = null, int PageIndex = 0, int PageSize = 20);

public sealed record UserRow(string Username, string Email, string? DisplayName, string? Phone, string Status, bool Enabled, DateTimeOffset? LastSignIn);

public sealed record NewUser(string? DisplayName, string? Email, string? Phone, string Mfa = MfaPreference.Off, IReadOnlyList<int>? GroupIds = null);

/// <param name="VehicleCount">How many vehicles the fleet holds; <see cref="ListUserVehicles"/> pages through a user's vehicles.</param>
public sealed record UserFleet(int Id, string Name, int VehicleCount);

public sealed record UserDetail(
    string Username, string Email, string? DisplayName, string? Phone, bool Enabled, string Status, string Mfa, bool TotpEnabled, DateTimeOffset Created,
    DateTimeOffset? LastSignIn, bool HasAvatar, IReadOnlyList<(int Id, string Name)> Groups, IReadOnlyList<string> Permissions,
    IReadOnlyList<Ability> Abilities, IReadOnlyList<UserFleet> Fleets, IReadOnlyList<Notes.NoteView> Notes, string? PendingEmail = null,
    uint RowVersion = 0)
{
    /// <summary>What a refused edit from a stale page names.</summary>
    public static string Thing(User account) => $"User {account.Name}";
}

/// <summary>Checks for the fields of a user's profile (spec/portal.md §5.2), with the messages the forms show.</summary>
public static partial class UserRules
{
    public const int MaxNameLength = 100;

    public static string Name(string? name)
    {
        var value = (name ?? "").Trim();
        if (value.Length == 0)
            throw new ValidationFailedException("displayName", "Name is required.");
        if (value.Length > MaxNameLength || value.Any(char.IsControl))
            throw new ValidationFailedException("displayName", $"A name has at most {MaxNameLength} characters and no control characters.");
        return value;
    }

    public static string Email(string? email)
    {
        var value = (email ?? "").Trim().ToLowerInvariant();
        if (value.Length == 0)
            throw new ValidationFailedException("email", "Email is required.");
        if (!EmailAddress.IsValid(value))
            throw new ValidationFailedException("email", "Invalid email format.");
        return value;
    }

    /// <summary>Optional; E.164 (<c>+</c>, country code, number; spaces, dashes and brackets are dropped).</summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
            return null;
        var value = Separators().Replace(phone.Trim(), "");
        if (!E164().IsMatch(value))
            throw new ValidationFailedException("phone", "Invalid phone number: use the international form, such as +15415550123.");
        return value;
    }

    public static string Mfa(string? mfa) => MfaPreference.All.Contains(mfa ?? "")
        ? mfa!
        : throw new ValidationFailedException("mfa", $"MFA must be one of {string.Join(", ", MfaPreference.All)}.");

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();
}

/// <summary>The users list: server-side paging, search by name or email, filters by status and permission group.</summary>
public sealed class ListUsers(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public const int MaxSearchLength = 100;
    public const string Disabled = "disabled";

    public async Task<Page<UserRow>> HandleAsync(UserQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.UsersRead, ct);
        var (index, size) = Paging.Normalize(query.PageIndex, query.PageSize);
        if (query.Search is { Length: > MaxSearchLength })
            throw new ValidationFailedException("search", $"A search has at most {MaxSearchLength} characters.");
        await using var data = dataFactory.Open();
        var users = data.Users;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            users = users.Where(u => u.Email.Contains(term) || (u.DisplayName != null && u.DisplayName.ToLower().Contains(term)));
        }
        if (query.Status == Disabled)
            users = users.Where(u => !u.Enabled);
        else if (!string.IsNullOrEmpty(query.Status))
            users = users.Where(u => u.Status == query.Status);
        if (query.GroupId is { } group)
            users = users.Where(u => data.GroupMembers.Any(m => m.GroupId == group && m.Username == u.Username));
        var total = await data.CountAsync(users, ct);
        var rows = await data.ListAsync(users.OrderBy(u => u.DisplayName ?? u.Email).ThenBy(u => u.Email).Skip(index * size).Take(size)
            .Select(u => new UserRow(u.Username, u.Email, u.DisplayName, u.Phone, u.Status, u.Enabled, u.LastSignIn)), ct);
        return new Page<UserRow>(rows, total, index, size);
    }
}

/// <summary>A user's page: profile, account state, groups, effective permissions and abilities, fleets, notes (self or users.user.read).</summary>
public sealed class GetUser(IArcDataFactory dataFactory, ICurrentUser user, TimeProvider time) : IUseCase
{
    public async Task<UserDetail> HandleAsync(string username, CancellationToken ct = default)
    {
        await user.RequireSelfOrAsync(username, Perm.UserRead, ct);
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        var groups = await data.ListAsync(data.PermissionGroups.Where(g => data.GroupMembers.Any(m => m.GroupId == g.Id && m.Username == username))
            .OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }), ct);
        var permissions = await data.ListAsync(data.GroupPermissions
            .Where(p => data.GroupMembers.Any(m => m.Username == username && m.GroupId == p.GroupId)).Select(p => p.Permission).Distinct(), ct);
        var held = account.Enabled ? permissions.ToHashSet(StringComparer.Ordinal) : [];
        var fleets = await data.ListAsync(data.Fleets.Where(f => data.FleetUsers.Any(u => u.FleetId == f.Id && u.Username == username))
            .OrderBy(f => f.Name).Select(f => new { f.Id, f.Name }), ct);
        var fleetIds = fleets.Select(f => f.Id).ToList();
        var counts = (await data.ListAsync(data.FleetVehicles.Where(v => fleetIds.Contains(v.FleetId)).GroupBy(v => v.FleetId)
            .Select(g => new { FleetId = g.Key, Count = g.Count() }), ct)).ToDictionary(c => c.FleetId, c => c.Count);
        var notes = await data.ListAsync(data.Notes.Where(n => n.ObjectType == "User" && n.ObjectId == username).OrderByDescending(n => n.Created)
            .Select(n => new Notes.NoteView(n.NoteId, n.Created, n.Author, null, n.Content, n.Tags.Select(t => t.TagName).ToList())), ct);
        return new UserDetail(account.Username, account.Email, account.DisplayName, account.Phone, account.Enabled, account.Status, account.Mfa,
            account.TotpEnabled, account.Created, account.LastSignIn, account.Avatar is not null, groups.Select(g => (g.Id, g.Name)).ToList(),
            permissions.Order(StringComparer.Ordinal).ToList(), Abilities.For(held),
            fleets.Select(f => new UserFleet(f.Id, f.Name, counts.GetValueOrDefault(f.Id))).ToList(),
            notes, account.PendingEmailExpires > time.GetUtcNow() ? account.PendingEmail : null, account.Version);
    }
}

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
        await using (var check = dataFactory.Open())
        {
            if (await check.AnyAsync(check.Users.Where(u => u.Email == email), ct))
                throw new ValidationFailedException("email", $"A user with the email {email} exists already.");
            var known = await check.ListAsync(check.PermissionGroups.Where(g => groupIds.Contains(g.Id)).Select(g => g.Id), ct);
            if (known.Count != groupIds.Count)
                throw new ValidationFailedException("groups", $"Permission group {groupIds.Except(known).First()} does not exist.");
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
        var temporary = TemporaryPasswords.Generate();
        await changes.ApplyAsync(data, actor, AuditActions.UserInvitationResent, username, new { email = account.Email },
            () => directory.SetTemporaryPasswordAsync(username, temporary, ct),
            () => outbox.QueueAsync(data, account.Email, EmailTemplates.UserInvitation, new
            {
                name = account.Name, email = account.Email, temporaryPassword = temporary, signInUrl = environment.Link("account/login"),
                validDays = (int)TemporaryPasswords.ValidFor.TotalDays,
            }, ct), ct);
        outbox.Deliver();
    }
}

/// <summary>
/// Enables or disables an account (not one's own); a disabled user's open pages lose access at their next check.
/// <paramref name="version"/> is the account's version the caller's page read (<see cref="UserDetail.RowVersion"/>).
/// </summary>
public sealed class SetUserEnabled(IArcDataFactory dataFactory, ICurrentUser user, IUserDirectory directory, DirectoryChanges changes,
    TimeProvider time) : IUseCase
{
    public async Task HandleAsync(string username, bool enabled, uint? version = null, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(enabled ? Perm.UserEnable : Perm.UserDisable, ct);
        if (actor == username)
            throw new ConflictException("You cannot disable or enable your own account.");
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        await ElevationRules.RequireNotAboveAsync(data, user, actor, username, ct);
        data.ExpectVersion(account, version, UserDetail.Thing(account));
        await changes.ApplyAsync(data, actor, enabled ? AuditActions.UserEnabled : AuditActions.UserDisabled, username, new { email = account.Email },
            () => directory.SetEnabledAsync(username, enabled, ct),
            async () =>
            {
                account.Enabled = enabled;
                if (!enabled)
                {
                    account.RotateSecurityStamp();
                    await SessionKeeper.EndAllAsync(data, username, SessionEndReasons.AccountDisabled, time.GetUtcNow(), ct);
                }
            }, ct);
    }
}

/// <summary>
/// Adds a user to a permission group or removes them (users.user.write and users.group.write, as before). Nobody adds
/// themselves, changes the groups of someone who holds more than they do, or adds anyone to a group whose permissions
/// they do not all hold. A membership belongs to both sides: the user's and the group's versions both change, and the
/// one the caller's page read (the user page's or the group page's) must still be current.
/// </summary>
public sealed class SetUserGroup(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(string username, int groupId, bool member, uint? userVersion = null, uint? groupVersion = null, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.UserWrite, ct);
        await user.RequireAsync(Perm.GroupWrite, ct);
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        var group = await data.FirstOrDefaultAsync(data.PermissionGroups.Where(g => g.Id == groupId), ct)
            ?? throw new NotFoundException("Permission group", groupId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (member && actor == username)
            throw await user.RefuseAsync(actor, "not oneself", "Nobody can add themselves to a permission group; ask another administrator.",
                AuditEntityTypes.User, username, ct);
        await ElevationRules.RequireNotAboveAsync(data, user, actor, username, ct);
        if (member)
            await ElevationRules.RequireHoldsAllAsync(user, actor,
                await data.ListAsync(data.GroupPermissions.Where(p => p.GroupId == groupId).Select(p => p.Permission), ct), AuditEntityTypes.User, username, ct);
        var existing = await data.FirstOrDefaultAsync(data.GroupMembers.Where(m => m.Username == username && m.GroupId == groupId), ct);
        if (member && existing is null)
            data.Add(new GroupMember { Username = username, GroupId = groupId });
        else if (!member && existing is not null)
            data.Remove(existing);
        else
            return;
        if (!member && groupId == 1 && actor == username)
            throw new ConflictException("You cannot remove yourself from the Administrator group.");
        data.ExpectVersion(account, userVersion, UserDetail.Thing(account));
        data.ExpectVersion(group, groupVersion, GroupDetail.Thing(group));
        audit.Record(data, actor, member ? AuditActions.UserGroupAdded : AuditActions.UserGroupRemoved, AuditEntityTypes.User, username, new { groupId });
        await data.SaveChangesAsync(ct);
    }

    /// <summary>Adds the user with this email address to a group (the group page's "add a user by email").</summary>
    public async Task AddByEmailAsync(string? email, int groupId, uint? groupVersion = null, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.UserWrite, ct);
        await user.RequireAsync(Perm.GroupWrite, ct);
        var address = (email ?? "").Trim().ToLowerInvariant();
        if (!EmailAddress.IsValid(address))
            throw new ValidationFailedException("email", "Enter the email address of a user.");
        string? username;
        await using (var data = dataFactory.Open())
            username = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Email == address).Select(u => u.Username), ct);
        await HandleAsync(username ?? throw new ValidationFailedException("email", $"There is no user with the email {address}."), groupId, member: true,
            groupVersion: groupVersion, ct: ct);
    }
}

public sealed record GroupSummary(int Id, string Name, string MachineName, int Members, int Permissions);

/// <summary>The permission groups with their sizes (users.groups.read).</summary>
public sealed class ListPermissionGroups(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<IReadOnlyList<GroupSummary>> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.GroupsRead, ct);
        await using var data = dataFactory.Open();
        return await data.ListAsync(data.PermissionGroups.OrderBy(g => g.Id).Select(g => new GroupSummary(g.Id, g.Name, g.MachineName,
            data.GroupMembers.Count(m => m.GroupId == g.Id), data.GroupPermissions.Count(p => p.GroupId == g.Id))), ct);
    }
}

/// <summary>
/// Sets whether a user's sign-in needs an authenticator (users.user-profile.write): off, optional, or required (the
/// user must enrol at their next sign-in before anything else). Mirrored to the user pool.
/// </summary>
public sealed class SetUserMfa(IArcDataFactory dataFactory, ICurrentUser user, IUserDirectory directory, MfaSettings settings, DirectoryChanges changes) : IUseCase
{
    public async Task HandleAsync(string username, string? preference, uint? version = null, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.UserProfileWrite, ct);
        var mfa = UserRules.Mfa(preference);
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        await ElevationRules.RequireNotAboveAsync(data, user, actor, username, ct);
        if (mfa == MfaPreference.Off && account.TotpEnabled)
            throw new ConflictException("This user has an authenticator app; turn it off first, then switch MFA off.");
        if (mfa != MfaPreference.Required && settings.Requires(account))
            throw new ConflictException("This portal requires an authenticator for every account that signs in with a password (Portal:Mfa:RequiredForLocalAccounts).");
        data.ExpectVersion(account, version, UserDetail.Thing(account));
        await changes.ApplyAsync(data, actor, AuditActions.UserMfaChanged, username, new { from = account.Mfa, to = mfa },
            () => directory.SetMfaAsync(username, mfa, ct),
            () =>
            {
                account.Mfa = mfa;
                return Task.CompletedTask;
            }, ct);
    }
}

/// <summary>
/// Deletes a user (users.user.delete): the user-pool account first, then group memberships, fleet memberships and the
/// profile. Nobody deletes themselves; the audit log keeps the record of what they did. Should the database part fail,
/// deleting again finishes it (the account is already gone from the pool).
/// </summary>
public sealed class DeleteUser(IArcDataFactory dataFactory, ICurrentUser user, IUserDirectory directory, DirectoryChanges changes) : IUseCase
{
    public async Task HandleAsync(string username, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.UserDelete, ct);
        if (actor == username)
            throw new ConflictException("You cannot delete your own account.");
        await using var data = dataFactory.Open();
        var account = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == username), ct) ?? throw new NotFoundException("User", username);
        await ElevationRules.RequireNotAboveAsync(data, user, actor, username, ct);
        await changes.ApplyAsync(data, actor, AuditActions.UserDeleted, username, new { email = account.Email, name = account.DisplayName },
            async () =>
            {
                if (await directory.GetAsync(username, ct) is not null)
                    await directory.DeleteAsync(username, ct);
            },
            async () =>
            {
                // Read again: a directory kept in this database (the local one) has removed some of these rows already.
                foreach (var member in await data.ListAsync(data.GroupMembers.Where(m => m.Username == username), ct))
                    data.Remove(member);
                foreach (var fleet in await data.ListAsync(data.FleetUsers.Where(f => f.Username == username), ct))
                    data.Remove(fleet);
                foreach (var preference in await data.ListAsync(data.UserPreferences.Where(p => p.Username == username), ct))
                    data.Remove(preference);
                if (await data.AnyAsync(data.Users.Where(u => u.Username == username), ct))
                    data.Remove(account);
            }, ct);
    }
}
