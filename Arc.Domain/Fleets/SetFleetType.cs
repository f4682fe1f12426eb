using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

/// <summary>
/// Gives a fleet its type (internal, pilot or rental), or takes it away with null (permission fleets.group.write); a fleet has one at most. The old system wrote no note for it; the audit
/// event records the change.
/// </summary>
public sealed class SetFleetType(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(int fleetId, int? typeId, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.FleetWrite, ct);
        await using var data = dataFactory.Open();
        var fleet = await data.FirstOrDefaultAsync(data.Fleets.Where(f => f.Id == fleetId), ct)
            ?? throw new NotFoundException("Fleet", fleetId.ToString(CultureInfo.InvariantCulture));
        string? name = null;
        if (typeId is { } wanted)
        {
            name = await data.FirstOrDefaultAsync(data.FleetTypes.Where(t => t.Id == wanted).Select(t => t.Name), ct)
                ?? throw new ValidationFailedException("type", "Choose a fleet type from the list.");
        }
        if (fleet.TypeId == typeId)
            return;
        fleet.TypeId = typeId;
        audit.Record(data, username, FleetSettingsAuditActions.TypeSet, FleetSettingsAuditActions.FleetEntity, fleetId.ToString(CultureInfo.InvariantCulture),
            new { fleet = fleet.Name, type = name });
        await data.SaveChangesAsync(ct);
    }
}
