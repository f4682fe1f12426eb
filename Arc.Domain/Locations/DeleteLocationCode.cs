using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Locations;

/// <summary>Deletes an accounting location code (permission locations.code.delete); the locations that had it are left without one.</summary>
public sealed class DeleteLocationCode(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(int id, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.LocationCodeDelete, ct);
        await using var data = dataFactory.Open();
        var code = await data.FirstOrDefaultAsync(data.AccountingLocationCodes.Where(c => c.Id == id), ct)
            ?? throw new NotFoundException("Location code", id.ToString(CultureInfo.InvariantCulture));
        var locations = await data.ListAsync(data.Locations.Where(l => l.AccountingLocationCodeId == id), ct);
        foreach (var location in locations)
            location.AccountingLocationCodeId = null;
        data.Remove(code);
        audit.Record(data, username, LocationAuditActions.CodeDeleted, LocationAuditActions.CodeEntity, id.ToString(CultureInfo.InvariantCulture),
            new { code = code.Code, locations = locations.Select(l => l.Id).ToArray() });
        await data.SaveChangesAsync(ct);
    }
}
