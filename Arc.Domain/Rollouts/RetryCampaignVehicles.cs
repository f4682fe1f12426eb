using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Jobs;
using Arc.Domain.Permissions;

namespace Arc.Domain.Rollouts;

/// <summary>
/// Queues a running or paused campaign's failed and timed-out vehicles again (permission firmware.campaign.write), all
/// of them or the VINs given; the advancing job dispatches them once eligible. Answers how many were queued.
/// </summary>
public sealed class RetryCampaignVehicles(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, IBackgroundJobs jobs) : IUseCase
{
    public const int MaxVins = 10_000;

    public async Task<int> HandleAsync(int campaignId, IReadOnlyCollection<string>? vins = null, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.CampaignWrite, ct);
        if (vins is { Count: > MaxVins })
            throw new ValidationFailedException("vins", $"Retry at most {MaxVins} vehicles at once.");
        await using var data = dataFactory.Open();
        var campaign = await CampaignChanges.LoadAsync(data, campaignId, ct);
        if (!campaign.IsActive)
            throw new ConflictException($"The campaign is {CampaignRules.Describe(campaign.Status)}; only a running or paused campaign retries vehicles.");
        var entries = data.CampaignVehicles.Where(v => v.CampaignId == campaignId
            && (v.Status == CampaignVehicleStatus.Failed || v.Status == CampaignVehicleStatus.TimedOut));
        if (vins is { Count: > 0 })
        {
            var wanted = vins.Select(v => v.Trim().ToUpperInvariant()).ToList();
            entries = entries.Where(v => wanted.Contains(v.Vin));
        }
        var retried = await data.ListAsync(entries, ct);
        if (retried.Count == 0)
            throw new ValidationFailedException("vins", "No failed or timed-out vehicle of this campaign to retry.");
        foreach (var entry in retried)
        {
            // A report that moved the vehicle meanwhile wins: the retry is then refused and can be asked again.
            data.ExpectVersion(entry, entry.Version, $"The entry of {entry.Vin}");
            (entry.Status, entry.Reason) = (CampaignVehicleStatus.Queued, null);
        }
        audit.Record(data, username, CampaignAuditActions.VehiclesRetried, CampaignAuditActions.Entity, campaignId.ToString(CultureInfo.InvariantCulture),
            new { count = retried.Count, vins = retried.Select(e => e.Vin).Take(100).ToList() });
        await data.SaveChangesAsync(ct);
        jobs.Enqueue(AdvanceCampaigns.JobKind, campaignId, null);
        return retried.Count;
    }
}
