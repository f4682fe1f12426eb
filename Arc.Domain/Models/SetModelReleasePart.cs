using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Models;

/// <param name="Before">The number the release listed for the type before, or null when it listed none.</param>
/// <param name="Vehicles">How many vehicles are of the release, and so now have the new number in their bill.</param>
public sealed record ReleasePartSet(int ModelReleaseId, string PartType, string PartNumber, string? Before, int Vehicles);

/// <summary>
/// Sets the part number a model release lists for one part type (vehicles_model_release_part_set, "Part Set"): a part
/// of that type from the catalogue, and a bill that still differs from every other release of the model (the model's
/// row is locked while they are compared, as when a release is created). Permission model.write, as for creating a
/// release: the old function asked only for vehicles.vehicle.write, which let anyone who may edit a vehicle change the
/// bill that every vehicle of the release shares (docs/decisions/0045). Vehicles keep the parts recorded as installed on them.
/// </summary>
public sealed class SetModelReleasePart(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<ReleasePartSet> HandleAsync(int modelReleaseId, string? partType, string? partNumber, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.ModelWrite, ct);
        var type = CatalogueRules.PartTypeName(partType);
        var number = CatalogueRules.PartNumber(partNumber);
        await using var data = dataFactory.Open();
        var release = await data.FirstOrDefaultAsync(data.ModelReleases.Where(r => r.ModelReleaseId == modelReleaseId), ct)
            ?? throw new NotFoundException("Model release", CatalogueRules.Id(modelReleaseId));
        if (!await data.AnyAsync(data.PartTypes.Where(t => t.Name == type), ct))
            throw new ValidationFailedException("partType", $"There is no part type '{type}'; add it on the Parts page first.");
        if (!await data.AnyAsync(data.CatalogueParts.Where(p => p.PartType == type && p.PartNumber == number), ct))
            throw new ValidationFailedException("partNumber", $"{number} is not a {type} part in the parts catalogue; add it on the Parts page first.");

        var model = await data.FirstOrDefaultAsync(data.VehicleModels.Where(m => m.Id == release.ModelId), ct);
        if (model is not null)
            await data.LockAsync(model, ct);
        else
            await data.LockAsync(release, ct);
        var rows = await data.ListAsync(data.ModelParts.Where(p => p.ModelReleaseId == modelReleaseId), ct);
        var row = rows.FirstOrDefault(p => p.PartType == type);
        if (row?.PartNumber == number)
            throw new ValidationFailedException("partNumber", $"Release {modelReleaseId} lists {number} for {type} already.");
        var bill = rows.ToDictionary(p => p.PartType, p => p.PartNumber, StringComparer.Ordinal);
        bill[type] = number;
        var siblings = await data.ListAsync(data.ModelParts.Where(p => p.ModelReleaseId != modelReleaseId
            && data.ModelReleases.Any(r => r.ModelReleaseId == p.ModelReleaseId && r.ModelId == release.ModelId)), ct);
        foreach (var sibling in siblings.GroupBy(p => p.ModelReleaseId))
            if (CatalogueRules.SameBill(bill, sibling.ToDictionary(p => p.PartType, p => p.PartNumber)))
                throw new ValidationFailedException("partNumber", string.Format(System.Globalization.CultureInfo.InvariantCulture, CatalogueRules.DuplicateReleaseMessage, sibling.Key));

        var before = row?.PartNumber;
        if (row is null)
            data.Add(new ModelPart { ModelReleaseId = modelReleaseId, PartType = type, PartNumber = number, Created = time.GetUtcNow() });
        else
            row.PartNumber = number;
        var vehicles = await data.CountAsync(data.Vehicles.Where(v => v.ModelReleaseId == modelReleaseId), ct);
        audit.Record(data, username, CatalogueAuditActions.ReleasePartSet, CatalogueAuditActions.ReleaseEntity, CatalogueRules.Id(modelReleaseId),
            new { partType = type, before, after = number, vehicles });
        await data.SaveChangesAsync(ct);
        return new ReleasePartSet(modelReleaseId, type, number, before, vehicles);
    }
}
