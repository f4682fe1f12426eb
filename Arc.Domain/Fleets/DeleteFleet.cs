using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

/// <summary>
/// Deletes a fleet with its vehicle and user memberships (fleets.group.delete). The old function left the user rows
/// behind, which later matched a new fleet given the same id; here they go with the fleet. Fleet 1 is protected.
/// </summary>
public sealed class DeleteFleet(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(int fleetId, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.FleetDelete, ct);
        if (fleetId == Fleet.MakerFleetId)
            throw new ConflictException("Fleet 1 is the maker's own fleet of every provisioned vehicle; it cannot be deleted.");
        await using var data = dataFactory.Open();
        var fleet = await FleetRules.FindAsync(data, fleetId, ct);
        var vehicles = await data.ListAsync(data.FleetVehicles.Where(v => v.FleetId == fleetId), ct);
        var users = await data.ListAsync(data.FleetUsers.Where(u => u.FleetId == fleetId), ct);
        foreach (var vehicle in vehicles)
            data.Remove(vehicle);
        foreach (var member in users)
            data.Remove(member);
        data.Remove(fleet);
        audit.Record(data, actor, FleetAuditActions.Deleted, FleetAuditActions.EntityType, FleetRules.Id(fleetId),
            new { name = fleet.Name, vehicles = vehicles.Count, users = users.Count });
        await data.SaveChangesAsync(ct);
    }
}
