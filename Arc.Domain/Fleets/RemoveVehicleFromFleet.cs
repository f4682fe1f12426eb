using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Notes;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Fleets;

/// <summary>
/// Takes one vehicle out of a fleet (fleets.group.write) and notes it on the vehicle. Fleet 1 holds every provisioned
/// vehicle; they leave it only when unprovisioned, never by hand.
/// </summary>
public sealed class RemoveVehicleFromFleet(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, AuditTrail audit,
    TimeProvider time) : IUseCase
{
    public async Task HandleAsync(int fleetId, string? vinText, CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.FleetWrite, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        if (fleetId == Fleet.MakerFleetId)
            throw new ConflictException(FleetVinList.MakerFleetRefusal);
        await using var data = dataFactory.Open();
        var fleet = await FleetRules.FindAsync(data, fleetId, ct);
        var membership = await data.FirstOrDefaultAsync(data.FleetVehicles.Where(v => v.FleetId == fleetId && v.Vin == vin), ct)
            ?? throw new ValidationFailedException("vin", $"{vin} is not in fleet {fleet.Name}.");
        data.Remove(membership);
        await FleetRules.AddNotesAsync(data, NoteObjectTypes.Vehicle, [vin], actor, FleetRules.VehicleRemoved(fleetId), time.GetUtcNow(), ct);
        audit.Record(data, actor, FleetAuditActions.VehicleRemoved, FleetAuditActions.EntityType, FleetRules.Id(fleetId), new { vin, fleet = fleet.Name });
        await data.SaveChangesAsync(ct);
    }
}
