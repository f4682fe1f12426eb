using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Recalls;

/// <summary>
/// Marks one or many vehicles of a recall remedied (permission recalls.vehicle.service) on a service date (today when
/// none is given) with an optional reference such as a work order, all or none: the recall must have its remedy, and
/// every listed VIN must be in the recall and not remedied yet, every problem listed at once. Each vehicle gets a note;
/// one audit event names them.
/// </summary>
public sealed class ServiceRecallVehicles(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, AuditTrail audit,
    TimeProvider time) : IUseCase
{
    public async Task<int> HandleAsync(int recallId, string? vins, DateOnly? serviceDate = null, string? serviceReference = null,
        CancellationToken ct = default)
    {
        var actor = await user.RequireAsync(Perm.RecallVehicleService, ct);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var draft = new RecallVehicleDraft(RecallVehicleStatus.Remedied, serviceDate ?? today, serviceReference);
        RecallVehicleRules.ServiceDate(draft.ServiceDate, today);
        RecallVehicleRules.ServiceReference(serviceReference);
        var list = VinList.Check(VinList.Read(vins, RecallVinList.MaxVins, RecallVinList.MaxBytes), environment.Environment);

        await using var data = dataFactory.Open();
        var recall = await RecallRules.FindAsync(data, recallId, ct);
        await RecallVehicleRules.RequireRemedyAsync(data, recall, ct);
        var entries = (await RecallVehicleRules.InChunksAsync(list.Vins,
            chunk => data.ListAsync(data.RecallVehicles.Where(v => v.RecallId == recall.Id && chunk.Contains(v.Vin)), ct))).ToDictionary(e => e.Vin);
        var problems = list.Problems.ToList();
        var lines = VinList.FirstLines(list);
        foreach (var vin in list.Vins)
        {
            if (!entries.TryGetValue(vin, out var entry))
                problems.Add($"Line {lines[vin]}: {vin} is not in recall {recall.NhtsaNumber}.");
            else if (entry.Status == RecallVehicleStatus.Remedied)
                problems.Add($"Line {lines[vin]}: {vin} was remedied on {entry.ServiceDate:yyyy-MM-dd} already.");
        }
        if (problems.Count > 0)
            throw new ValidationFailedException("vins", $"The list has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}; nothing was changed.", problems);

        var serviced = list.Vins.Select(v => entries[v]).ToList();
        foreach (var entry in serviced)
        {
            RecallVehicleRules.Apply(draft, entry, today);
            entry.ChangedAt = now;
            entry.ChangedBy = actor;
        }
        RecallHistory.Record(data, serviced, actor, now);
        var example = serviced[0];
        await RecallVehicleRules.AddNotesAsync(data, list.Vins, actor, RecallVehicleRules.ChangedNote(recall, example), now, ct);
        audit.Record(data, actor, RecallVehicleAuditActions.Serviced, RecallAuditActions.RecallEntity, recall.Id.ToString(CultureInfo.InvariantCulture),
            new { recall.NhtsaNumber, example.ServiceDate, example.ServiceReference, serviced = RecallVinList.AuditVins(list.Vins) });
        RecallRules.Touch(data, time);
        await data.SaveChangesAsync(ct);
        return serviced.Count;
    }
}
