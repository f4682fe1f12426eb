using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Models;

public sealed record NewModelRelease(int ModelId, string? Description, IReadOnlyDictionary<string, string?>? Parts);

/// <summary>
/// Adds a model release (vehicles_model_release_create, permission model.write): a part number from the catalogue for
/// every current part type, and a bill no other release of the same model already has. The model's row is locked while
/// the bills are compared, so two people creating the same bill at once cannot both succeed.
/// </summary>
public sealed class CreateModelRelease(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(NewModelRelease request, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.ModelWrite, ct);
        var description = CatalogueRules.ReleaseDescription(request.Description);
        await using var data = dataFactory.Open();
        var model = await data.FirstOrDefaultAsync(data.VehicleModels.Where(m => m.Id == request.ModelId), ct)
            ?? throw new ValidationFailedException("modelId", "Choose the model the release belongs to.");
        var currentTypes = await data.ListAsync(data.PartTypes.Where(t => t.Current).OrderBy(t => t.Name).Select(t => t.Name), ct);
        var known = (await data.ListAsync(data.CatalogueParts.Select(p => new { p.PartType, p.PartNumber }), ct))
            .Select(p => (p.PartType, p.PartNumber)).ToHashSet();
        var bill = CatalogueRules.ReleaseParts(request.Parts, currentTypes, known);

        await data.LockAsync(model, ct);
        var siblings = await data.ListAsync(data.ModelParts.Where(p => data.ModelReleases.Any(r => r.ModelReleaseId == p.ModelReleaseId && r.ModelId == model.Id)), ct);
        foreach (var sibling in siblings.GroupBy(p => p.ModelReleaseId))
            if (CatalogueRules.SameBill(bill, sibling.ToDictionary(p => p.PartType, p => p.PartNumber)))
                throw new ValidationFailedException("parts", string.Format(System.Globalization.CultureInfo.InvariantCulture, CatalogueRules.DuplicateReleaseMessage, sibling.Key));

        var now = time.GetUtcNow();
        var release = new ModelRelease { Description = description, ModelId = model.Id, Created = now };
        data.Add(release);
        await data.AssignIdAsync(release, ct);
        foreach (var (type, number) in bill)
            data.Add(new ModelPart { ModelReleaseId = release.ModelReleaseId, PartType = type, PartNumber = number, Created = now });
        audit.Record(data, username, CatalogueAuditActions.ReleaseCreated, CatalogueAuditActions.ReleaseEntity, CatalogueRules.Id(release.ModelReleaseId),
            new { model = model.ModelName, release.Description, parts = bill });
        await data.SaveChangesAsync(ct);
        return release.ModelReleaseId;
    }
}
