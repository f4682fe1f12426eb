using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Users;

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
