using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

/// <summary>
/// Ends a user's membership of a fleet (fleets.group.manage-users, as <see cref="AddUserToFleet"/> explains); they lose
/// sight of its vehicles with their next request.
/// </summary>
public sealed class RemoveUserFromFleet(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int fleetId, string? username, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.FleetManageUsers, ct);
        if (string.IsNullOrWhiteSpace(username))
            throw new ValidationFailedException("user", "Choose the user to remove.");
        await using var data = dataFactory.Open();
        var fleet = await FleetRules.FindAsync(data, fleetId, ct);
        var membership = await data.FirstOrDefaultAsync(data.FleetUsers.Where(u => u.FleetId == fleetId && u.Username == username), ct)
            ?? throw new ValidationFailedException("user", $"That user is not in fleet {fleet.Name}; nothing to remove.");
        data.Remove(membership);
        await FleetRules.AddNotesAsync(data, NoteObjectTypes.User, [username], actor, FleetRules.UserRemoved(fleetId), time.GetUtcNow(), ct);
        audit.Record(data, actor, FleetAuditActions.UserRemoved, FleetAuditActions.EntityType, FleetRules.Id(fleetId), new { username, fleet = fleet.Name });
        await data.SaveChangesAsync(ct);
    }
}
