using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Recalls;

namespace Arc.Domain.Rollouts;

/// <summary>What creating a campaign and creating a rollback share: the target from releases, the population, the waves and the rows.</summary>
internal static class CampaignSetup
{
    /// <summary>The target of the given recorded releases, one per component; an unknown release is refused.</summary>
    public static async Task<List<CampaignTarget>> TargetsAsync(IArcData data, IReadOnlyList<int> releaseIds, CancellationToken ct)
    {
        var ids = releaseIds.ToList();
        var releases = await data.ListAsync(data.FirmwareReleases.Where(r => ids.Contains(r.Id)), ct);
        var missing = ids.Where(id => releases.All(r => r.Id != id)).ToList();
        if (missing.Count > 0)
            throw new ValidationFailedException("releases", $"No firmware release {string.Join(", ", missing.Select(i => i.ToString(CultureInfo.InvariantCulture)))} has been recorded.");
        var twice = releases.GroupBy(r => r.Component).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new ValidationFailedException("releases", $"Choose one release of {twice.Key}, not {twice.Count()}.");
        return releases.OrderBy(r => r.Component, StringComparer.Ordinal)
            .Select(r => new CampaignTarget { Component = r.Component, PartType = r.PartType, FirmwareReleaseId = r.Id, Hash = r.Hash }).ToList();
    }

    /// <summary>The VINs of a population, by VIN; a population naming something that does not exist is refused.</summary>
    public static async Task<(List<string> Vins, string? Component)> PopulationAsync(IArcData data, CampaignPopulation population, CancellationToken ct)
    {
        var id = population.Id!.Value;
        string? component = null;
        IQueryable<string> vins;
        switch (population.Kind)
        {
            case PopulationKind.Model:
                await RequireAsync(data, data.VehicleModels.Where(m => m.Id == id), "model", id, ct);
                vins = data.Vehicles.Where(v => v.ModelRelease!.ModelId == id).Select(v => v.Vin);
                break;
            case PopulationKind.ModelRelease:
                await RequireAsync(data, data.ModelReleases.Where(r => r.ModelReleaseId == id), "model release", id, ct);
                vins = data.Vehicles.Where(v => v.ModelReleaseId == id).Select(v => v.Vin);
                break;
            case PopulationKind.Fleet:
                await RequireAsync(data, data.Fleets.Where(f => f.Id == id), "fleet", id, ct);
                vins = data.FleetVehicles.Where(f => f.FleetId == id).Select(f => f.Vin);
                break;
            case PopulationKind.Recall:
                await RequireAsync(data, data.Recalls.Where(r => r.Id == id && r.Status == RecallStatus.Active), "recall", id, ct);
                vins = data.RecallVehicles.Where(v => v.RecallId == id && v.Status == RecallVehicleStatus.Open).Select(v => v.Vin);
                break;
            case PopulationKind.FirmwareBelow:
                var bound = await data.FirstOrDefaultAsync(data.FirmwareReleases.Where(r => r.Id == id), ct)
                    ?? throw new ValidationFailedException("population", $"No firmware release {id} has been recorded.");
                component = bound.Component;
                // Older means recorded before the bound release of the same component (the catalogue's order of releases).
                vins = data.VehicleFirmware.Where(f => f.Component == bound.Component && f.Release != null
                    && (f.Release.Created < bound.Created || (f.Release.Created == bound.Created && f.Release.Id < bound.Id))).Select(f => f.Vin);
                break;
            default:
                throw new ValidationFailedException("population", "Choose the population: a model, a model release, a fleet, a firmware bound or a recall.");
        }
        return (await data.ListAsync(vins.Distinct().OrderBy(v => v), ct), component);
    }

    private static async Task RequireAsync<T>(IArcData data, IQueryable<T> query, string what, int id, CancellationToken ct)
    {
        if (!await data.AnyAsync(query, ct))
            throw new ValidationFailedException("population", $"There is no {what} {id.ToString(CultureInfo.InvariantCulture)}.");
    }

    /// <summary>Adds the campaign with its targets, waves and vehicles (queued, each in its wave); the campaign gets its id.</summary>
    public static async Task<Campaign> AddAsync(IArcData data, Campaign campaign, IReadOnlyList<CampaignTarget> targets, IReadOnlyList<WaveDraft> waves,
        IReadOnlyList<string> population, CancellationToken ct)
    {
        if (population.Count == 0)
            throw new ValidationFailedException("population", "The population has no vehicles: there is nothing to update.");
        var fleetIds = waves.Where(w => w.FleetId is not null).Select(w => w.FleetId!.Value).Distinct().ToList();
        var known = await data.ListAsync(data.Fleets.Where(f => fleetIds.Contains(f.Id)).Select(f => f.Id), ct);
        if (fleetIds.FirstOrDefault(f => !known.Contains(f)) is var unknown and not 0)
            throw new ValidationFailedException("waves", $"There is no fleet {unknown.ToString(CultureInfo.InvariantCulture)}.");
        var members = (await data.ListAsync(data.FleetVehicles.Where(f => fleetIds.Contains(f.FleetId)), ct)).ToLookup(f => f.FleetId, f => f.Vin);
        var split = CampaignRules.AssignWaves(population, waves, fleet => members[fleet].ToHashSet(StringComparer.Ordinal));

        campaign.PopulationCount = population.Distinct(StringComparer.Ordinal).Count();
        data.Add(campaign);
        await data.AssignIdAsync(campaign, ct);
        foreach (var target in targets)
        {
            target.CampaignId = campaign.Id;
            data.Add(target);
        }
        for (var i = 0; i < waves.Count; i++)
        {
            var w = waves[i];
            data.Add(new CampaignWave
            {
                CampaignId = campaign.Id, Index = i, Percent = w.Percent, FleetId = w.FleetId, SuccessThreshold = w.SuccessThreshold, SoakMinutes = w.SoakMinutes,
                VehicleCount = split[i].Count,
            });
        }
        data.AddMany(split.SelectMany((vins, wave) => vins.Select(vin => new CampaignVehicle { CampaignId = campaign.Id, Vin = vin, Wave = wave })).ToList());
        return campaign;
    }
}
