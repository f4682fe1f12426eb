using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Models;

/// <summary>
/// Sets a vehicle's model release directly (vehicles_vehicle_model_release_set, permission vehicles.vehicle.write),
/// without provisioning it again. The release must be another release of the vehicle's own model (the old panel only
/// offered those; here the server holds to it too). The note reads as the old system wrote it, tagged "parts".
/// </summary>
public sealed class SetVehicleModelRelease(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time, PortalEnvironment environment)
    : IUseCase
{
    public async Task HandleAsync(string vinText, int modelReleaseId, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleWrite, ct);
        var vin = Vin.Parse(vinText, environment.Environment);
        await using var data = dataFactory.Open();
        var vehicle = await data.FirstOrDefaultAsync(data.Vehicles.Where(v => v.Vin == vin.Value), ct) ?? throw new NotFoundException("Vehicle", vin.Value);
        var release = await data.FirstOrDefaultAsync(data.ModelReleases.Where(r => r.ModelReleaseId == modelReleaseId), ct)
            ?? throw new ValidationFailedException("modelReleaseId", $"Model release {CatalogueRules.Id(modelReleaseId)} does not exist.");
        if (vehicle.ModelReleaseId == release.ModelReleaseId)
            throw new ValidationFailedException("modelReleaseId", $"{vin.Value} has model release {CatalogueRules.Id(modelReleaseId)} already.");
        var current = vehicle.ModelReleaseId is { } currentId
            ? await data.FirstOrDefaultAsync(data.ModelReleases.Where(r => r.ModelReleaseId == currentId), ct)
            : null;
        if (current?.ModelId is { } modelId && release.ModelId != modelId)
            throw new ValidationFailedException("modelReleaseId", "Choose a release of the vehicle's own model; a vehicle does not change model.");
        var before = vehicle.ModelReleaseId;
        vehicle.ModelReleaseId = release.ModelReleaseId;
        var now = time.GetUtcNow();
        var tag = await CatalogueRules.TagAsync(data, CatalogueRules.NoteTag, ct);
        CatalogueRules.AddVehicleNote(data, vin.Value, username, $"Model Release set to {CatalogueRules.Id(release.ModelReleaseId)}", tag, now);
        audit.Record(data, username, CatalogueAuditActions.VehicleReleaseSet, CatalogueAuditActions.VehicleEntity, vin.Value,
            new { before, after = release.ModelReleaseId, release.Description });
        await data.SaveChangesAsync(ct);
    }
}
