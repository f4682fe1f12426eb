using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Locations;

/// <summary>
/// Adds a location (permission locations.update: the old system let anyone create one, and there is no create permission;
/// see docs/decisions/0033-location-and-department-code-permissions.md). The old system wrote no note for it.
/// </summary>
public sealed class CreateLocation(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task<int> HandleAsync(LocationDraft draft, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.LocationUpdate, ct);
        await using var data = dataFactory.Open();
        var location = new Location { Name = "", CreatedBy = username };
        await LocationRules.ApplyAsync(data, draft, location, ct);
        data.Add(location);
        await data.AssignIdAsync(location, ct);
        audit.Record(data, username, LocationAuditActions.Created, LocationAuditActions.LocationEntity,
            location.Id.ToString(CultureInfo.InvariantCulture), LocationDraft.Of(location));
        await data.SaveChangesAsync(ct);
        return location.Id;
    }
}
