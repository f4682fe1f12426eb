using Arc.Domain.Common;

namespace Arc.Domain.Models;

/// <summary>The tables of models, releases and the parts a release is built from, read as <c>data.VehicleModels</c> on any <see cref="IArcData"/>.</summary>
public interface IModelData : IEntitySets
{
    IQueryable<VehicleModel> VehicleModels => Set<VehicleModel>();
    IQueryable<ModelRelease> ModelReleases => Set<ModelRelease>();
    IQueryable<ModelPart> ModelParts => Set<ModelPart>();
    IQueryable<PartType> PartTypes => Set<PartType>();
    IQueryable<VehiclePartInstalled> PartsInstalled => Set<VehiclePartInstalled>();
    IQueryable<CataloguePart> CatalogueParts => Set<CataloguePart>();
    IQueryable<QualityInspection> QualityInspections => Set<QualityInspection>();
}
