using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Locations;
using Arc.Domain.Permissions;

namespace Arc.Domain.Fleets;

/// <summary>
/// Adds an accounting department code (permission fleets.accounting_department_code.create, not fleets.group.write as in
/// the old system: docs/decisions/0031). Codes have at most eight characters and are unique without case.
/// </summary>
public sealed class CreateDepartmentCode(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task<int> HandleAsync(string? code, string? description, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.FleetDepartmentCodeCreate, ct);
        var value = AccountingCodes.Check(code, DepartmentCode.MaxCodeLength, "department code");
        var text = LocationRules.Text(description, "description", "The description", DepartmentCode.MaxDescriptionLength) ?? "";
        var lowered = value.ToLowerInvariant();
        await using var data = dataFactory.Open();
        if (await data.AnyAsync(data.DepartmentCodes.Where(c => c.Code.ToLower() == lowered), ct))
            throw new ValidationFailedException("code", $"The department code '{value}' exists already.");
        var row = new DepartmentCode { Code = value, Description = text };
        data.Add(row);
        await data.AssignIdAsync(row, ct);
        audit.Record(data, username, FleetSettingsAuditActions.DepartmentCodeCreated, FleetSettingsAuditActions.DepartmentCodeEntity,
            row.Id.ToString(CultureInfo.InvariantCulture), new { code = value, description = text });
        await data.SaveChangesAsync(ct);
        return row.Id;
    }
}
