using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Locations;

/// <summary>
/// Replaces every field of a location with the draft's (permission locations.update): a field the draft leaves empty
/// becomes empty, as in the old system. A draft with no field at all is refused, so a location is never blanked by
/// mistake. <paramref name="version"/> is the version the editor's page read; a location changed since is refused.
/// </summary>
public sealed class UpdateLocation(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(int id, LocationDraft draft, uint? version = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.LocationUpdate, ct);
        if (draft.IsBlank)
            throw new ValidationFailedException("This update gives no field at all and would blank the location; nothing was changed.");
        await using var data = dataFactory.Open();
        var location = await data.FirstOrDefaultAsync(data.Locations.Where(l => l.Id == id), ct)
            ?? throw new NotFoundException("Location", id.ToString(CultureInfo.InvariantCulture));
        var before = LocationDraft.Of(location);
        await LocationRules.ApplyAsync(data, draft, location, ct);
        data.ExpectVersion(location, version, $"Location '{before.Name}'");
        audit.Record(data, username, LocationAuditActions.Updated, LocationAuditActions.LocationEntity, id.ToString(CultureInfo.InvariantCulture),
            new { before, after = LocationDraft.Of(location) });
        await data.SaveChangesAsync(ct);
    }
}
