using System.Globalization;
using System.Text.Json.Nodes;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Firmware;
using Arc.Domain.Intake;
using Arc.Domain.Notes;

namespace Arc.Domain.Recalls;

/// <summary>A vehicle's report of the firmware it runs: component to hash, when it was reported and through which path.</summary>
public sealed record FirmwareReport(string Vin, IReadOnlyDictionary<string, string> Firmware, DateTimeOffset ReportedAt, FirmwareReportSource Source);

/// <summary>
/// Completes the over-the-air recalls a vehicle's firmware report shows it is remedied for (issue 16 item 5). Every open
/// entry of the vehicle in an active recall whose remedy is sent over the air and names firmware the vehicle now runs
/// becomes remedied, with the report kept as evidence, in one save with its history step, an audit event on the recall,
/// a system note on the vehicle and a recall data stamp (so the public lookup drops it). A system process: the vehicle
/// is the actor, so no permission is asked.
/// </summary>
public sealed class RecordOverTheAirRemedies(IArcDataFactory dataFactory, AuditTrail audit, TimeProvider time)
{
    /// <summary>How far ahead of the server's clock a vehicle's own timestamp may be before the time received is used.</summary>
    private static readonly TimeSpan ClockGrace = TimeSpan.FromMinutes(5);

    /// <summary>The firmware a check-in reports, or null when it reports none: a shadow document's
    /// <c>current.state.reported.firmware</c>, or a registration's <c>data.firmware</c>.</summary>
    public static FirmwareReport? ReportOf(DecodedMessage message, DateTimeOffset received)
    {
        var (holder, source) = message.Kind switch
        {
            IntakeTopicKind.ShadowDocuments => (message.Document?["current"]?["state"]?["reported"] as JsonObject, FirmwareReportSource.Shadow),
            IntakeTopicKind.Registration => (message.Document?["data"] as JsonObject, FirmwareReportSource.CheckIn),
            _ => (null, FirmwareReportSource.Shadow),
        };
        var firmware = FirmwareStatusReader.Reported(holder);
        return firmware.Count == 0 ? null : new FirmwareReport(message.Vin, firmware, ReportedAt(message.Document, received), source);
    }

    /// <summary>The document's own <c>timestamp</c> (Unix seconds, as AWS IoT writes it) unless it is missing, absurd or
    /// ahead of the server's clock; then the time the message was received.</summary>
    public static DateTimeOffset ReportedAt(JsonObject? document, DateTimeOffset received)
    {
        if (document?["timestamp"] is JsonValue value && value.TryGetValue<long>(out var seconds) && seconds is > 946_684_800 and < 32_503_680_000)
        {
            var at = DateTimeOffset.FromUnixTimeSeconds(seconds);
            if (at <= received + ClockGrace)
                return at > received ? received : at;
        }
        return received;
    }

    /// <summary>Completes what the report remedies; answers the ids of the recalls completed for the vehicle (none most of the time).</summary>
    public async Task<IReadOnlyList<int>> HandleAsync(FirmwareReport report, CancellationToken ct = default)
    {
        if (report.Firmware.Count == 0)
            return [];
        await using var data = dataFactory.Open();
        // Most reports complete nothing: look first without a lock.
        if (!(await CandidatesAsync(data, report.Vin, ct)).Any(c => Completes(c, report)))
            return [];
        // Reports of one vehicle arriving at once queue on its row; the later one then finds the entries remedied.
        var vehicle = await data.FirstOrDefaultAsync(data.Vehicles.Where(v => v.Vin == report.Vin), ct);
        if (vehicle is null)
            return [];
        await data.LockAsync(vehicle, ct);
        var candidates = await CandidatesAsync(data, report.Vin, ct);
        var now = time.GetUtcNow();
        var completed = new List<int>();
        var notes = new List<string>();
        foreach (var c in candidates.Where(c => Completes(c, report)).OrderBy(c => c.Recall.Id))
        {
            var firmware = c.Firmware;
            var reportedAs = RemedyFirmwareRules.Match(c.Type, firmware, report.Firmware)!;
            var evidence = new OverTheAirEvidence(reportedAs, report.Firmware[reportedAs], report.ReportedAt, report.Source);
            RemedyFirmwareRules.Complete(c.Entry, evidence, now);
            data.ExpectVersion(c.Entry, null, $"The entry of {report.Vin}");
            RecallHistory.Record(data, [c.Entry], AuditTrail.SystemActor, now);
            notes.Add(Note(c.Recall, evidence));
            audit.Record(data, AuditTrail.SystemActor, RecallAuditActions.RemediedOverTheAir, RecallAuditActions.RecallEntity,
                c.Recall.Id.ToString(CultureInfo.InvariantCulture),
                new
                {
                    c.Recall.NhtsaNumber, vin = report.Vin, remedyFirmware = new { firmware.Component, firmware.Hash },
                    reported = new { evidence.Component, evidence.Hash, evidence.ReportedAt, source = evidence.Source.ToString() },
                    serviceDate = c.Entry.ServiceDate,
                });
            completed.Add(c.Recall.Id);
        }
        if (completed.Count == 0)
            return [];
        var tag = await RecallVehicleRules.TagAsync(data, ct);
        data.AddMany(notes.Select(content => new Note
        {
            ObjectType = NoteObjectTypes.Vehicle, ObjectId = report.Vin, Author = SystemAuthor.Name, Content = content, Created = now, System = true, Tags = [tag],
        }).ToList());
        RecallRules.Touch(data, time);
        await data.SaveChangesAsync(ct);
        return completed;
    }

    private sealed record Candidate(RecallVehicle Entry, Recall Recall, RemedyType Type, RemedyFirmware Firmware);

    private static bool Completes(Candidate c, FirmwareReport report) => RemedyFirmwareRules.Completes(c.Entry.Status, c.Type, c.Firmware, report.Firmware);

    /// <summary>The vehicle's open entries in active recalls whose remedy is sent over the air and names its firmware.</summary>
    private static async Task<List<Candidate>> CandidatesAsync(IArcData data, string vin, CancellationToken ct) =>
        (await data.ListAsync(
            from entry in data.RecallVehicles
            join recall in data.Recalls on entry.RecallId equals recall.Id
            join remedy in data.RecallRemedies on recall.Id equals remedy.RecallId
            where entry.Vin == vin && entry.Status == RecallVehicleStatus.Open && recall.Status == RecallStatus.Active
                && remedy.Type != RemedyType.DealerRepair && remedy.FirmwareComponent != null && remedy.FirmwareHash != null
            select new { Entry = entry, Recall = recall, remedy.Type, remedy.FirmwareComponent, remedy.FirmwareHash }, ct))
        .Select(c => new Candidate(c.Entry, c.Recall, c.Type, new RemedyFirmware(c.FirmwareComponent!, c.FirmwareHash!))).ToList();

    /// <summary>The system note on the vehicle: which recall, and what the vehicle reported when and how.</summary>
    public static string Note(Recall recall, OverTheAirEvidence evidence) =>
        $"Recall {recall.NhtsaNumber} (recall id {RecallVehicleRules.Id(recall.Id)}) marked remedied over the air: the vehicle reported " +
        $"{evidence.Component} {evidence.Hash} on {evidence.ReportedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC ({evidence.SourceLabel})";
}
