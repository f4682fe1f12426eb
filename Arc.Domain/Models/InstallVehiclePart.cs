using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Models;

public sealed record PartInstallation(string PartType, string PartNumber, DateTimeOffset Installed);

/// <summary>
/// Records a part installed on a vehicle (vehicles_vehicle_part_set, permission vehicles.vehicle.write). Only the part
/// number the vehicle's model release lists for that type may be installed; any other number is refused. It replaces
/// the part recorded for that type, and the note reads "Part Installed" as the old system wrote it, tagged "parts".
/// </summary>
public sealed class InstallVehiclePart(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time, PortalEnvironment environment)
    : IUseCase
{
    public async Task<PartInstallation> HandleAsync(string vinText, string? partType, string? partNumber, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleWrite, ct);
        var vin = Vin.Parse(vinText, environment.Environment);
        var number = CatalogueRules.PartNumber(partNumber);
        await using var data = dataFactory.Open();
        var vehicle = await data.FirstOrDefaultAsync(data.Vehicles.Where(v => v.Vin == vin.Value), ct) ?? throw new NotFoundException("Vehicle", vin.Value);
        if (partType is null || !await data.AnyAsync(data.PartTypes.Where(t => t.Name == partType), ct))
            throw new ValidationFailedException("partType", "Choose one of the part types.");
        if (vehicle.ModelReleaseId is not { } releaseId)
            throw new ValidationFailedException("partType", $"{vin.Value} has no model release, so no part can be installed from it; set its model release first.");
        var listed = await data.FirstOrDefaultAsync(data.ModelParts.Where(p => p.ModelReleaseId == releaseId && p.PartType == partType), ct);
        if (listed is null)
            throw new ValidationFailedException("partType", $"Model release {CatalogueRules.Id(releaseId)} lists no {partType} part.");
        if (listed.PartNumber != number)
            throw new ValidationFailedException("partNumber",
                $"{number} is not the {partType} part of model release {CatalogueRules.Id(releaseId)}, which lists {listed.PartNumber}.");
        var now = time.GetUtcNow();
        var row = await data.FirstOrDefaultAsync(data.PartsInstalled.Where(p => p.Vin == vin.Value && p.PartType == partType), ct);
        var before = row?.PartNumber;
        if (row is null)
            data.Add(row = new VehiclePartInstalled { Vin = vin.Value, PartType = partType, PartNumber = number, Installed = now });
        else
            (row.PartNumber, row.Installed) = (number, now);
        var tag = await CatalogueRules.TagAsync(data, CatalogueRules.NoteTag, ct);
        CatalogueRules.AddVehicleNote(data, vin.Value, username, "Part Installed", tag, now);
        audit.Record(data, username, CatalogueAuditActions.VehiclePartInstalled, CatalogueAuditActions.VehicleEntity, vin.Value,
            new { partType, before, after = number });
        await data.SaveChangesAsync(ct);
        return new PartInstallation(partType, number, now);
    }
}
