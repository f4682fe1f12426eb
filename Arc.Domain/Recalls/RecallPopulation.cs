using Arc.Domain.Common;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Recalls;

/// <summary>Which provisioned vehicles a recall affects, by any combination of model, release, model year and provisioned dates.</summary>
/// <param name="ProvisionedFrom">The first day (UTC) a matching vehicle was provisioned on, inclusive.</param>
/// <param name="ProvisionedTo">The last day (UTC), inclusive.</param>
public sealed record RecallPopulationQuery(int? ModelId = null, int? ModelReleaseId = null, int? ModelYear = null,
    DateOnly? ProvisionedFrom = null, DateOnly? ProvisionedTo = null);

/// <summary>What a population query would add: how many vehicles, the first of them, and how many matched but are in the recall already.</summary>
public sealed record RecallPopulationPlan(int RecallId, string NhtsaNumber, int Count, IReadOnlyList<string> FirstVins, int AlreadyInRecall)
{
    public bool CanApply => Count > 0;
}

/// <summary>
/// The rules of a population query: at least one criterion, dates in order, a model year the VIN can encode, and the
/// query itself, run in the database. The model year is read from the VIN's tenth character as <see cref="Vin.ModelYear"/>
/// reads it (decision 0005), on the last 17 characters so the environment prefix does not matter.
/// </summary>
public static class RecallPopulation
{
    public const int Shown = 20;
    public const int MinModelYear = 1980, MaxModelYear = 2039;
    private const string YearCodes = "ABCDEFGHJKLMNPRSTVWXY123456789";
    private static readonly List<string> Digits = [.. "0123456789".Select(c => c.ToString())];

    /// <summary>Checks the query's form and that its model and release exist and fit together.</summary>
    public static async Task CheckAsync(IArcData data, RecallPopulationQuery? query, DateOnly today, CancellationToken ct)
    {
        if (query is null || query == new RecallPopulationQuery())
            throw new ValidationFailedException("population", "Choose at least one of model, release, model year or provisioned dates.");
        if (query.ModelYear is { } year && (year < MinModelYear || year > Math.Min(MaxModelYear, today.Year + 1)))
            throw new ValidationFailedException("modelYear", $"A model year lies between {MinModelYear} and {Math.Min(MaxModelYear, today.Year + 1)}.");
        if (query is { ProvisionedFrom: { } from, ProvisionedTo: { } to } && to < from)
            throw new ValidationFailedException("provisionedTo", "The provisioned range ends before it starts.");
        if (query.ProvisionedFrom is { Year: < 2000 } || query.ProvisionedTo is { Year: < 2000 })
            throw new ValidationFailedException("provisionedFrom", "No vehicle was provisioned before 2000.");
        if (query.ProvisionedFrom > today)
            throw new ValidationFailedException("provisionedFrom", "The provisioned range starts in the future.");
        if (query.ModelId is { } modelId && !await data.AnyAsync(data.VehicleModels.Where(m => m.Id == modelId), ct))
            throw new ValidationFailedException("modelId", "No such model.");
        if (query.ModelReleaseId is { } releaseId)
        {
            var release = await data.FirstOrDefaultAsync(data.ModelReleases.Where(r => r.ModelReleaseId == releaseId), ct)
                ?? throw new ValidationFailedException("modelReleaseId", "No such model release.");
            if (query.ModelId is { } model && release.ModelId != model)
                throw new ValidationFailedException("modelReleaseId", $"Release {release.Description} is not a release of the chosen model.");
        }
    }

    /// <summary>The VINs of provisioned vehicles the query matches, whether in the recall or not.</summary>
    public static IQueryable<string> Matching(IArcData data, RecallPopulationQuery query)
    {
        var vehicles = data.Vehicles;
        if (query.ModelReleaseId is { } releaseId)
            vehicles = vehicles.Where(v => v.ModelReleaseId == releaseId);
        if (query.ModelId is { } modelId)
            vehicles = vehicles.Where(v => v.ModelRelease != null && v.ModelRelease.ModelId == modelId);
        if (query.ProvisionedFrom is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            vehicles = vehicles.Where(v => v.Created >= start);
        }
        if (query.ProvisionedTo is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            vehicles = vehicles.Where(v => v.Created < end);
        }
        if (query.ModelYear is { } year)
        {
            var recent = year >= 2010;
            var code = YearCodes[recent ? year - 2010 : year - 1980].ToString();
            vehicles = vehicles.Where(v => v.Vin.Length >= Vin.Length && v.Vin.Substring(v.Vin.Length - 8, 1) == code);
            // The maker's WMI and a letter in position 7 select the cycle from 2010; other VINs with a digit there, 1980.
            vehicles = recent
                ? vehicles.Where(v => v.Vin.Substring(v.Vin.Length - 17, 3) == Vin.MakerWmi || !Digits.Contains(v.Vin.Substring(v.Vin.Length - 11, 1)))
                : vehicles.Where(v => v.Vin.Substring(v.Vin.Length - 17, 3) != Vin.MakerWmi && Digits.Contains(v.Vin.Substring(v.Vin.Length - 11, 1)));
        }
        return vehicles.Select(v => v.Vin);
    }

    /// <summary>The matching VINs not yet in the recall, in VIN order.</summary>
    public static IQueryable<string> ToAdd(IArcData data, Recall recall, RecallPopulationQuery query) =>
        Matching(data, query).Where(vin => !data.RecallVehicles.Any(e => e.RecallId == recall.Id && e.Vin == vin)).OrderBy(vin => vin);

    public static async Task<RecallPopulationPlan> PlanAsync(IArcData data, Recall recall, RecallPopulationQuery query, CancellationToken ct)
    {
        var count = await data.CountAsync(ToAdd(data, recall, query), ct);
        var first = await data.ListAsync(ToAdd(data, recall, query).Take(Shown), ct);
        var matching = await data.CountAsync(Matching(data, query), ct);
        return new RecallPopulationPlan(recall.Id, recall.NhtsaNumber, count, first, matching - count);
    }

    /// <summary>Refuses adding nothing, and a population larger than one change may add.</summary>
    public static void RequireApplicable(int count)
    {
        if (count == 0)
            throw new ValidationFailedException("population", "No vehicle matches that is not in the recall already; nothing was added.");
        if (count > RecallVinList.MaxVins)
            throw new ValidationFailedException("population",
                $"The query matches {count:N0} vehicles; one change adds at most {RecallVinList.MaxVins:N0}. Narrow it, by provisioned dates for instance.");
    }
}
