using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

/// <summary>
/// Books a fleet to an accounting department code, or takes it away with null (permission fleets.group.write); a fleet has one at most. The old system wrote no note for it; the audit
/// event records the change.
/// </summary>
public sealed class SetFleetDepartmentCode(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(int fleetId, int? codeId, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.FleetWrite, ct);
        await using var data = dataFactory.Open();
        var fleet = await data.FirstOrDefaultAsync(data.Fleets.Where(f => f.Id == fleetId), ct)
            ?? throw new NotFoundException("Fleet", fleetId.ToString(CultureInfo.InvariantCulture));
        string? name = null;
        if (codeId is { } wanted)
        {
            name = await data.FirstOrDefaultAsync(data.DepartmentCodes.Where(c => c.Id == wanted).Select(c => c.Code), ct)
                ?? throw new ValidationFailedException("departmentCode", "Choose a department code from the list; that one no longer exists.");
        }
        if (fleet.DepartmentCodeId == codeId)
            return;
        fleet.DepartmentCodeId = codeId;
        audit.Record(data, username, FleetSettingsAuditActions.DepartmentCodeSet, FleetSettingsAuditActions.FleetEntity, fleetId.ToString(CultureInfo.InvariantCulture),
            new { fleet = fleet.Name, departmentCode = name });
        await data.SaveChangesAsync(ct);
    }
}
