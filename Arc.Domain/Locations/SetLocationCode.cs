using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Locations;

/// <summary>Gives a location its accounting code, or takes it away with null (permission locations.update); one code per location.</summary>
public sealed class SetLocationCode(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(int locationId, int? codeId, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.LocationUpdate, ct);
        await using var data = dataFactory.Open();
        var location = await data.FirstOrDefaultAsync(data.Locations.Where(l => l.Id == locationId), ct)
            ?? throw new NotFoundException("Location", locationId.ToString(CultureInfo.InvariantCulture));
        string? code = null;
        if (codeId is { } id)
        {
            code = await data.FirstOrDefaultAsync(data.AccountingLocationCodes.Where(c => c.Id == id).Select(c => c.Code), ct)
                ?? throw new ValidationFailedException("code", "Choose a location code from the list; that one no longer exists.");
        }
        if (location.AccountingLocationCodeId == codeId)
            return;
        location.AccountingLocationCodeId = codeId;
        audit.Record(data, username, LocationAuditActions.CodeSet, LocationAuditActions.LocationEntity, locationId.ToString(CultureInfo.InvariantCulture),
            new { name = location.Name, code });
        await data.SaveChangesAsync(ct);
    }
}
