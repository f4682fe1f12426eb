using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

/// <summary>
/// Makes a user a member of a fleet, found by username or email, which lets them see the fleet's vehicles (spec/backend.md
/// §3.3). The old function asked for fleets.group.write; this asks for fleets.group.manage-users instead, the catalogue's
/// permission for exactly this, which counts as administration: it hands out access to vehicles, so the factory's
/// Provision group (which moves vehicles between fleets) does not also decide who sees them. Nobody adds themselves.
/// </summary>
public sealed class AddUserToFleet(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public const int MaxLength = 320;

    public async Task<FleetMember> HandleAsync(int fleetId, string? usernameOrEmail, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.FleetManageUsers, ct);
        var wanted = (usernameOrEmail ?? "").Trim();
        if (wanted.Length == 0)
            throw new ValidationFailedException("user", "Give the user's email address or username.");
        if (wanted.Length > MaxLength)
            throw new ValidationFailedException("user", "That is far too long for an email address or username.");
        await using var data = dataFactory.Open();
        var fleet = await FleetRules.FindAsync(data, fleetId, ct);
        var lower = wanted.ToLowerInvariant();
        var member = await data.FirstOrDefaultAsync(data.Users.Where(u => u.Username == wanted || u.Email.ToLower() == lower), ct)
            ?? throw new ValidationFailedException("user", $"No user has the email address or username '{wanted}'.");
        if (member.Username == actor)
            throw await user.RefuseAsync(actor, "does not grant themselves access", "You cannot add yourself to a fleet; ask another administrator.",
                FleetAuditActions.EntityType, FleetRules.Id(fleetId), ct);
        if (await data.AnyAsync(data.FleetUsers.Where(u => u.FleetId == fleetId && u.Username == member.Username), ct))
            throw new ValidationFailedException("user", $"{member.DisplayName ?? member.Email} is already in fleet {fleet.Name}.");
        data.Add(new FleetUser { FleetId = fleetId, Username = member.Username });
        await FleetRules.AddNotesAsync(data, NoteObjectTypes.User, [member.Username], actor, FleetRules.UserAdded(fleetId), time.GetUtcNow(), ct);
        audit.Record(data, actor, FleetAuditActions.UserAdded, FleetAuditActions.EntityType, FleetRules.Id(fleetId),
            new { username = member.Username, email = member.Email, fleet = fleet.Name });
        await data.SaveChangesAsync(ct);
        return new FleetMember(member.Username, member.Email, member.DisplayName);
    }
}
