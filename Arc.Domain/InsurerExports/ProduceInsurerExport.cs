using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Changes;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.Files;
using Arc.Domain.Fleets;
using Arc.Domain.Jobs;
using Arc.Domain.Telemetry;

namespace Arc.Domain.InsurerExports;

/// <summary>
/// Writes a month's export file (spec/backend.md §1.22): every vehicle of the fleets that have both a type and a
/// location, with its odometer at the start and end of the month read for all of them in one telemetry request, into
/// the file store under the month's key; then announces it by email, naming the vehicles without any odometer. A
/// telemetry store or file store that cannot be reached leaves the export failed with the reason, nothing half written;
/// the daily schedule (or a person) runs it again.
/// </summary>
public sealed class ProduceInsurerExport(IArcDataFactory dataFactory, ITelemetryStore store, IFileStore files, EmailOutbox outbox, AuditTrail audit,
    PortalEnvironment environment, InsurerExportOptions options, IChangeFeed changes, UserSafeErrors errors, TimeProvider time) : IBackgroundJob
{
    public string Kind => InsurerExportQueue.JobKind;

    public async Task RunAsync(long subjectId, CancellationToken ct)
    {
        ExportMonth month;
        string key;
        await using (var data = dataFactory.Open())
        {
            var export = await data.FirstOrDefaultAsync(data.InsurerExports.Where(e => e.Id == subjectId), ct)
                ?? throw new NotFoundException("Insurer export", subjectId.ToString(CultureInfo.InvariantCulture));
            if (export.Status is InsurerExportStatus.Done)
                return;
            export.Status = InsurerExportStatus.Running;
            export.Attempts++;
            await data.SaveChangesAsync(ct);
            (month, key) = (export.Period, export.FileKey);
        }
        changes.Publish(new Change(ChangeTopics.InsurerExport, ChangeTopics.AlarmAll));

        List<(InsurerVehicle Vehicle, OdometerMiles? Odometer)> rows = [];
        string? error = null;
        var size = 0L;
        try
        {
            var vehicles = await InsurerVehicles.ReadAsync(dataFactory, environment.Environment, ct);
            var odometers = vehicles.Count == 0 ? new Dictionary<string, MonthOdometers>()
                : await store.RangeOdometersAsync(vehicles.Select(v => v.Vin).ToList(), month.Start, month.End, ct);
            rows = vehicles.Select(v => (v, InsurerDocument.Odometer(odometers.GetValueOrDefault(v.Vin)))).ToList();
            var content = InsurerDocument.Write(month, rows);
            await files.PutAsync(key, content, "application/json", ct);
            size = content.Length;
        }
        catch (Exception e) when (e is DomainException or HttpRequestException or IOException or NotSupportedException)
        {
            error = errors.Describe(e, "The insurer export could not be produced.");
        }

        await using (var data = dataFactory.Open())
        {
            var export = (await data.FirstOrDefaultAsync(data.InsurerExports.Where(e => e.Id == subjectId), ct))!;
            var unknown = rows.Where(r => r.Odometer is null).Select(r => r.Vehicle.Vin).ToList();
            var id = export.Id.ToString(CultureInfo.InvariantCulture);
            if (error is null)
            {
                export.Status = InsurerExportStatus.Done;
                export.Produced = time.GetUtcNow();
                export.Vehicles = rows.Count;
                export.UnknownOdometers = unknown.Count;
                export.UnknownVins = string.Join(',', unknown);
                export.Size = size;
                export.Error = null;
                audit.Record(data, AuditTrail.SystemActor, InsurerExportAuditActions.Produced, InsurerExportAuditActions.Entity, id,
                    new { month = month.ToString(), key, store = files.Kind, vehicles = rows.Count, unknown = unknown.Count });
                await outbox.QueueAsync(data, options.RecipientFor(environment.Environment), EmailTemplates.InsurerExportComplete, new
                {
                    month = month.ToString(),
                    environment = environment.Environment == DeploymentEnvironment.Prod ? "" : " - " + environment.Environment.DisplayName(),
                    vehicles = rows.Count,
                    unknownCount = unknown.Count,
                    unknownVins = unknown.Count == 0 ? "none" : string.Join(", ", unknown),
                    file = key,
                    exportsUrl = environment.Link("fleets/insurer-exports"),
                }, ct);
            }
            else
            {
                export.Status = InsurerExportStatus.Failed;
                export.Error = error.Length > 500 ? error[..500] : error;
                audit.Record(data, AuditTrail.SystemActor, InsurerExportAuditActions.Failed, InsurerExportAuditActions.Entity, id,
                    new { month = month.ToString(), key, reason = export.Error });
            }
            await data.SaveChangesAsync(CancellationToken.None);
        }
        changes.Publish(new Change(ChangeTopics.InsurerExport, ChangeTopics.AlarmAll));
        if (error is null)
            outbox.Deliver();
    }
}

/// <summary>The vehicles the export covers, read with a fixed number of queries whatever the fleets' size.</summary>
public static class InsurerVehicles
{
    public static async Task<IReadOnlyList<InsurerVehicle>> ReadAsync(IArcDataFactory dataFactory, DeploymentEnvironment environment, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var fleets = await data.ListAsync(data.Fleets.Where(f => f.TypeId != null && f.LocationId != null).Select(f => new
        {
            f.Id,
            Type = data.FleetTypes.Where(t => t.Id == f.TypeId).Select(t => t.Name).FirstOrDefault(),
            Location = data.Locations.Where(l => l.Id == f.LocationId).Select(l => l.Name).FirstOrDefault(),
            City = data.Locations.Where(l => l.Id == f.LocationId).Select(l => l.City).FirstOrDefault(),
            State = data.Locations.Where(l => l.Id == f.LocationId).Select(l => l.GoverningDistrict).FirstOrDefault(),
            LocationCode = data.Locations.Where(l => l.Id == f.LocationId)
                .SelectMany(l => data.AccountingLocationCodes.Where(c => c.Id == l.AccountingLocationCodeId).Select(c => c.Code)).FirstOrDefault(),
            Department = data.DepartmentCodes.Where(c => c.Id == f.DepartmentCodeId).Select(c => c.Code).FirstOrDefault(),
        }), ct);
        if (fleets.Count == 0)
            return [];
        var ids = fleets.Select(f => f.Id).ToList();
        var members = await data.ListAsync(data.FleetVehicles.Where(v => ids.Contains(v.FleetId)).Select(v => new { v.Vin, v.FleetId }), ct);
        var models = (await data.ListAsync(data.VehicleModels.Select(m => new { m.LetterCode, m.ModelName }), ct))
            .GroupBy(m => m.LetterCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().ModelName, StringComparer.Ordinal);
        var byId = fleets.ToDictionary(f => f.Id);
        // A vehicle in several such fleets is listed once, for its most specific fleet: any before the maker's own, then the oldest.
        return members.GroupBy(m => m.Vin, StringComparer.Ordinal)
            .Select(g =>
            {
                var f = byId[g.OrderBy(m => m.FleetId == Fleet.MakerFleetId ? 1 : 0).ThenBy(m => m.FleetId).First().FleetId];
                return new InsurerVehicle(g.Key, f.Location ?? "", f.City, f.State, f.LocationCode, f.Type ?? "",
                    InsurerDocument.ModelOf(g.Key, environment, models), f.Department);
            })
            .OrderBy(v => v.Vin, StringComparer.Ordinal)
            .ToList();
    }
}
