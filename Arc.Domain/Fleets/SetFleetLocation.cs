using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

/// <summary>
/// Puts a fleet at a location, or takes its location away with null (permission fleets.group.write); a fleet has one at most. The old system wrote no note for it; the audit
/// event records the change.
/// </summary>
public sealed class SetFleetLocation(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(int fleetId, int? locationId, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.FleetWrite, ct);
        await using var data = dataFactory.Open();
        var fleet = await data.FirstOrDefaultAsync(data.Fleets.Where(f => f.Id == fleetId), ct)
            ?? throw new NotFoundException("Fleet", fleetId.ToString(CultureInfo.InvariantCulture));
        string? name = null;
        if (locationId is { } wanted)
        {
            name = await data.FirstOrDefaultAsync(data.Locations.Where(l => l.Id == wanted).Select(l => l.Name), ct)
                ?? throw new ValidationFailedException("location", "Choose a location from the list; that one no longer exists.");
        }
        if (fleet.LocationId == locationId)
            return;
        fleet.LocationId = locationId;
        audit.Record(data, username, FleetSettingsAuditActions.LocationSet, FleetSettingsAuditActions.FleetEntity, fleetId.ToString(CultureInfo.InvariantCulture),
            new { fleet = fleet.Name, location = name });
        await data.SaveChangesAsync(ct);
    }
}
