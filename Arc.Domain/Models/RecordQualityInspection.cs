using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Firmware;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Models;

public sealed record QualityInspectionRequest(string Vin, bool Passed, string? Remarks);

/// <summary>
/// Records a vehicle's quality inspection (permission vehicles.vehicle.inspect, a portal addition: the old panel showed
/// the checks and recorded nothing). The firmware check is made on the server when the inspection is recorded and kept
/// with it; a pass with firmware behind needs remarks saying why. A note tagged "quality" records it on the vehicle.
/// </summary>
public sealed class RecordQualityInspection(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time, PortalEnvironment environment)
    : IUseCase
{
    public async Task<int> HandleAsync(QualityInspectionRequest request, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleInspect, ct);
        var vin = Vin.Parse(request.Vin, environment.Environment);
        var remarks = (request.Remarks ?? "").Trim();
        if (remarks.Length > QualityInspection.MaxRemarksLength || PlainText.HasHiddenCharacters(remarks.Replace('\n', ' ').Replace('\r', ' ')))
            throw new ValidationFailedException("remarks", $"Remarks hold at most {QualityInspection.MaxRemarksLength} visible characters.");
        await using var data = dataFactory.Open();
        var facts = (await FirmwareStatusReader.FactsAsync(data, [vin.Value], ct)).SingleOrDefault() ?? throw new NotFoundException("Vehicle", vin.Value);
        var catalogue = await FirmwareStatusReader.CatalogueAsync(data, ct);
        var firmware = FirmwareStatus.Evaluate(facts, catalogue.Hosts, catalogue.Current, catalogue.History, reportedRead: false);
        var outdated = string.Join(", ", firmware.Outdated.Select(c => c.Component).Distinct());
        var upToDate = firmware.Overall == FirmwareState.UpToDate;
        if (request.Passed && !upToDate && remarks.Length == 0)
            throw new ValidationFailedException("remarks", $"The firmware is not up to date ({outdated}); say in the remarks why the vehicle passes anyway.");
        var inspection = new QualityInspection
        {
            Vin = vin.Value, Inspector = username, Inspected = time.GetUtcNow(), Passed = request.Passed, FirmwareUpToDate = upToDate,
            OutdatedComponents = outdated, Remarks = remarks,
        };
        data.Add(inspection);
        await data.AssignIdAsync(inspection, ct);
        var tag = await CatalogueRules.TagAsync(data, CatalogueRules.QualityNoteTag, ct);
        var content = $"Quality Inspection {(request.Passed ? "passed" : "failed")}" + (remarks.Length > 0 ? $": {remarks}" : "");
        CatalogueRules.AddVehicleNote(data, vin.Value, username, content.Length > Notes.Note.MaxContentLength ? content[..Notes.Note.MaxContentLength] : content, tag,
            inspection.Inspected);
        audit.Record(data, username, CatalogueAuditActions.VehicleInspected, CatalogueAuditActions.VehicleEntity, vin.Value,
            new { inspection.Id, inspection.Passed, firmwareUpToDate = upToDate, outdated, remarks });
        await data.SaveChangesAsync(ct);
        return inspection.Id;
    }
}
