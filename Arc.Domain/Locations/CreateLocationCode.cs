using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Locations;

/// <summary>Adds an accounting location code such as <c>OR-EU-HQ</c> (permission locations.code.create); codes are unique without case.</summary>
public sealed class CreateLocationCode(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task<int> HandleAsync(string? code, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.LocationCodeCreate, ct);
        var value = AccountingCodes.Check(code, AccountingLocationCode.MaxLength, "location code");
        var lowered = value.ToLowerInvariant();
        await using var data = dataFactory.Open();
        if (await data.AnyAsync(data.AccountingLocationCodes.Where(c => c.Code.ToLower() == lowered), ct))
            throw new ValidationFailedException("code", $"The location code '{value}' exists already.");
        var row = new AccountingLocationCode { Code = value };
        data.Add(row);
        await data.AssignIdAsync(row, ct);
        audit.Record(data, username, LocationAuditActions.CodeCreated, LocationAuditActions.CodeEntity, row.Id.ToString(CultureInfo.InvariantCulture),
            new { code = value });
        await data.SaveChangesAsync(ct);
        return row.Id;
    }
}
