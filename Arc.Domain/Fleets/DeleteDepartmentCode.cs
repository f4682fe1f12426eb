using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

/// <summary>Deletes a department code (permission fleets.accounting_department_code.delete); fleets booked to it are left without one.</summary>
public sealed class DeleteDepartmentCode(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(int id, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.FleetDepartmentCodeDelete, ct);
        await using var data = dataFactory.Open();
        var code = await data.FirstOrDefaultAsync(data.DepartmentCodes.Where(c => c.Id == id), ct)
            ?? throw new NotFoundException("Department code", id.ToString(CultureInfo.InvariantCulture));
        var fleets = await data.ListAsync(data.Fleets.Where(f => f.DepartmentCodeId == id), ct);
        foreach (var fleet in fleets)
            fleet.DepartmentCodeId = null;
        data.Remove(code);
        audit.Record(data, username, FleetSettingsAuditActions.DepartmentCodeDeleted, FleetSettingsAuditActions.DepartmentCodeEntity,
            id.ToString(CultureInfo.InvariantCulture), new { code = code.Code, fleets = fleets.Select(f => f.Id).ToArray() });
        await data.SaveChangesAsync(ct);
    }
}
