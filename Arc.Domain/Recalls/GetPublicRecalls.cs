using Arc.Domain.Common;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Recalls;

/// <summary>One open recall of a vehicle as the public lookup tells it, in the terms of NHTSA's own recall API.</summary>
public sealed record PublicRecall(string NhtsaCampaignNumber, string? Component, string Summary, string? Consequence, string? Remedy,
    DateOnly? ReportReceivedDate, bool ParkIt, bool ParkOutside, bool OverTheAirUpdate);

/// <summary>A vehicle's open recalls and when the recall data last changed.</summary>
public sealed record PublicRecallAnswer(string Vin, DateTimeOffset? LastUpdated, IReadOnlyList<PublicRecall> Recalls);

/// <summary>The first and the latest time the recall data changed, and the latest stamp's id (which moves with every change).</summary>
public sealed record RecallDataDates(DateTimeOffset? Initial, DateTimeOffset? Updated, long LatestStamp);

/// <summary>
/// The public recall lookup of a VIN (the old <c>/recalls/v1/vin/{vin}</c>), for anyone: the recalls the vehicle still
/// needs, that is its entries still open in active recalls, never a deleted recall, and never a vehicle's remedied,
/// inspected or unreachable entry. A malformed VIN is refused with the reason; a VIN no recall names gets an empty list.
/// </summary>
public sealed class GetPublicRecalls(IArcDataFactory dataFactory, PortalEnvironment environment) : IUseCase
{
    public async Task<PublicRecallAnswer> HandleAsync(string? vinText, CancellationToken ct = default)
    {
        var vin = Check(vinText, environment.Environment);
        await using var data = dataFactory.Open();
        var recalls = await data.ListAsync(
            from v in data.RecallVehicles
            join r in data.Recalls on v.RecallId equals r.Id
            join m in data.RecallRemedies on r.Id equals m.RecallId into remedies
            from remedy in remedies.DefaultIfEmpty()
            where v.Vin == vin && v.Status == RecallVehicleStatus.Open && r.Status == RecallStatus.Active
            orderby r.NhtsaNumber
            select new PublicRecall(r.NhtsaNumber, r.Component, r.Description, r.SafetyDescription, remedy == null ? null : remedy.Description,
                r.ReportSubmittedDate, r.DoNotDrive, r.ParkOutside,
                remedy != null && (remedy.Type == RemedyType.OverTheAir || remedy.Type == RemedyType.Both)), ct);
        var updated = await data.FirstOrDefaultAsync(data.RecallDataUpdates.OrderByDescending(u => u.UpdatedAt).Select(u => (DateTimeOffset?)u.UpdatedAt), ct);
        return new PublicRecallAnswer(vin, updated, recalls);
    }

    /// <summary>The VIN as stored, or a refusal saying what is wrong with it.</summary>
    public static string Check(string? vinText, DeploymentEnvironment environment) => Vin.Parse(vinText, environment).Value;
}
