using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Models;

public sealed record NewPart(string? PartType, string? PartNumber, string? Description);

/// <summary>
/// Adds a part number to the catalogue under one part type (permission model.write); model releases choose their
/// numbers from here, so a mistyped number cannot reach a bill.
/// </summary>
public sealed class CreatePart(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<string> HandleAsync(NewPart request, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.ModelWrite, ct);
        var number = CatalogueRules.PartNumber(request.PartNumber);
        var description = CatalogueRules.Description(request.Description);
        await using var data = dataFactory.Open();
        var type = await data.FirstOrDefaultAsync(data.PartTypes.Where(t => t.Name == request.PartType), ct)
            ?? throw new ValidationFailedException("partType", "Choose one of the part types.");
        if (await data.AnyAsync(data.CatalogueParts.Where(p => p.PartType == type.Name && p.PartNumber == number), ct))
            throw new ValidationFailedException("partNumber", $"{number} is in the catalogue as a {type.Name} part already.");
        data.Add(new CataloguePart { PartType = type.Name, PartNumber = number, Description = description, Created = time.GetUtcNow() });
        audit.Record(data, username, CatalogueAuditActions.PartCreated, CatalogueAuditActions.PartEntity, $"{type.Name}/{number}",
            new { partType = type.Name, partNumber = number, description });
        await data.SaveChangesAsync(ct);
        return number;
    }
}
