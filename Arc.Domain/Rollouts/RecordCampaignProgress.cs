using System.Globalization;
using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Firmware;
using Arc.Domain.Intake;
using Arc.Domain.Models;
using Arc.Domain.Notes;
using Arc.Domain.SideEffects;

namespace Arc.Domain.Rollouts;

/// <summary>
/// Moves a vehicle's campaign entries from what the vehicle reports (a shadow document or a registration), never from
/// what was sent: its <c>ota</c> object (downloading, installing, failed, for the campaign it names) and its firmware
/// (installed once every target component reports the target's hash). An installed vehicle gets its firmware recorded
/// with a system note, and its desired state published again without the target. A system process: the vehicle is the actor.
/// </summary>
public sealed class RecordCampaignProgress(IArcDataFactory dataFactory, Outbox outbox, TimeProvider time)
{
    /// <summary>The reported state a check-in carries: a shadow document's <c>current.state.reported</c>, a registration's <c>data</c>.</summary>
    public static JsonObject? ReportedOf(DecodedMessage message) => message.Kind switch
    {
        IntakeTopicKind.ShadowDocuments => message.Document?["current"]?["state"]?["reported"] as JsonObject,
        IntakeTopicKind.Registration => message.Document?["data"] as JsonObject,
        _ => null,
    };

    /// <summary>Answers how many of the vehicle's entries moved (none most of the time).</summary>
    public async Task<int> HandleAsync(DecodedMessage message, CancellationToken ct = default)
    {
        var reported = ReportedOf(message);
        var ota = CampaignProgressRules.OtaOf(reported);
        var firmware = FirmwareStatusReader.Reported(reported);
        if (ota is null && firmware.Count == 0)
            return 0;
        var vin = message.Vin;
        await using var data = dataFactory.Open();
        var open = new[] { CampaignVehicleStatus.Dispatched, CampaignVehicleStatus.Downloading, CampaignVehicleStatus.Installing,
            CampaignVehicleStatus.Failed, CampaignVehicleStatus.TimedOut }.ToList();
        var entries = await data.ListAsync(
            from v in data.CampaignVehicles
            join c in data.Campaigns on v.CampaignId equals c.Id
            where v.Vin == vin && open.Contains(v.Status) && (c.Status == CampaignStatus.Running || c.Status == CampaignStatus.Paused)
            select v, ct);
        if (entries.Count == 0)
            return 0;
        var ids = entries.Select(e => e.CampaignId).Distinct().ToList();
        var targets = (await data.ListAsync(data.CampaignTargets.Where(t => ids.Contains(t.CampaignId)), ct)).ToLookup(t => t.CampaignId);
        var now = time.GetUtcNow();
        var moved = 0;
        foreach (var entry in entries)
        {
            var campaignTargets = targets[entry.CampaignId].ToList();
            if (CampaignProgressRules.Next(entry, campaignTargets, firmware, ota) is not { } next)
                continue;
            data.ExpectVersion(entry, entry.Version, $"The entry of {vin}");
            (entry.Status, entry.LastReport) = (next, now);
            entry.Reason = next == CampaignVehicleStatus.Failed ? ota?.Error ?? "The vehicle reported that the update failed." : null;
            if (next == CampaignVehicleStatus.Installed)
            {
                entry.Installed = now;
                await RecordFirmwareAsync(data, vin, entry.CampaignId, campaignTargets, now, ct);
                outbox.PublishShadow(data, vin, Audit.AuditTrail.SystemActor);
            }
            moved++;
        }
        if (moved == 0)
            return 0;
        try
        {
            await data.SaveChangesAsync(ct);
        }
        catch (ConflictException)
        {
            // The advancing job or a retry changed the entry at the same moment; the vehicle's next report moves it.
            return 0;
        }
        return moved;
    }

    /// <summary>Records the target releases as the vehicle's installed firmware, each with a note as "mark as current" writes.</summary>
    private static async Task RecordFirmwareAsync(IArcData data, string vin, int campaignId, IReadOnlyList<CampaignTarget> targets, DateTimeOffset now,
        CancellationToken ct)
    {
        var tag = await CatalogueRules.TagAsync(data, CampaignAuditActions.NoteTag, ct);
        foreach (var target in targets)
        {
            var record = await data.FirstOrDefaultAsync(
                data.VehicleFirmware.Where(f => f.Vin == vin && f.PartType == target.PartType && f.Component == target.Component), ct);
            if (record is null)
                data.Add(new VehicleFirmwareInstalled
                {
                    Vin = vin, PartType = target.PartType, Component = target.Component, FirmwareReleaseId = target.FirmwareReleaseId, Installed = now,
                });
            else
                (record.FirmwareReleaseId, record.Release, record.Installed) = (target.FirmwareReleaseId, null, now);
            CatalogueRules.AddVehicleNote(data, vin, SystemAuthor.Name,
                $"Firmware {target.Component} set to {target.Hash} over the air (campaign {campaignId.ToString(CultureInfo.InvariantCulture)})", tag, now);
        }
    }
}
