using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Models;

/// <summary>
/// Adds a part type (vehicles_part_type_create, permission model.write). A new type is current: releases made after it
/// must list a number for it; releases made before keep their bills.
/// </summary>
public sealed class CreatePartType(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task<string> HandleAsync(string? name, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.ModelWrite, ct);
        var text = CatalogueRules.PartTypeName(name);
        await using var data = dataFactory.Open();
        var lower = text.ToLowerInvariant();
        if (await data.FirstOrDefaultAsync(data.PartTypes.Where(t => t.Name.ToLower() == lower), ct) is { } existing)
            throw new ValidationFailedException("partType", $"The part type '{existing.Name}' exists already.");
        data.Add(new PartType { Name = text, Current = true });
        audit.Record(data, username, CatalogueAuditActions.PartTypeCreated, CatalogueAuditActions.PartTypeEntity, text, new { name = text });
        await data.SaveChangesAsync(ct);
        return text;
    }
}
