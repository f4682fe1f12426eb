using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Locations;

/// <summary>
/// Deletes a location (permission locations.delete). The fleets at it lose their location, as the old system's cascade
/// did; the audit event names them so the change can be followed.
/// </summary>
public sealed class DeleteLocation(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(int id, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.LocationDelete, ct);
        await using var data = dataFactory.Open();
        var location = await data.FirstOrDefaultAsync(data.Locations.Where(l => l.Id == id), ct)
            ?? throw new NotFoundException("Location", id.ToString(CultureInfo.InvariantCulture));
        var fleets = await data.ListAsync(data.Fleets.Where(f => f.LocationId == id), ct);
        foreach (var fleet in fleets)
            fleet.LocationId = null;
        data.Remove(location);
        audit.Record(data, username, LocationAuditActions.Deleted, LocationAuditActions.LocationEntity, id.ToString(CultureInfo.InvariantCulture),
            new { name = location.Name, fleets = fleets.Select(f => f.Id).ToArray() });
        await data.SaveChangesAsync(ct);
    }
}
