using Arc.Domain.Common;

namespace Arc.Domain.Rollouts;

/// <summary>The pure rules of a campaign: its draft's limits, how vehicles are split into waves, and which status changes are allowed.</summary>
public static class CampaignRules
{
    public const int MaxWaves = 20;
    public const int MaxSoakMinutes = 30 * 24 * 60;

    /// <summary>Checks a draft's own values (not the database's); refuses with the first problem, on its field.</summary>
    public static void Validate(CampaignDraft draft)
    {
        var name = draft.Name?.Trim() ?? "";
        if (name.Length == 0)
            throw new ValidationFailedException("name", "A campaign needs a name.");
        if (name.Length > Campaign.MaxNameLength)
            throw new ValidationFailedException("name", $"A campaign's name has at most {Campaign.MaxNameLength} characters.");
        if (draft.ReleaseIds is not { Count: > 0 })
            throw new ValidationFailedException("releases", "Choose the firmware release of at least one component.");
        if (draft.ReleaseIds.Distinct().Count() != draft.ReleaseIds.Count)
            throw new ValidationFailedException("releases", "A release is chosen twice.");
        if (draft.Population is null || !Enum.IsDefined(draft.Population.Kind) || draft.Population.Kind == PopulationKind.Campaign)
            throw new ValidationFailedException("population", "Choose the population: a model, a model release, a fleet, a firmware bound or a recall.");
        if (draft.Population.Id is null)
            throw new ValidationFailedException("population", "Choose which " + Describe(draft.Population.Kind) + " the campaign targets.");
        ValidateWaves(draft.Waves);
        var eligibility = draft.Eligibility ?? new CampaignEligibility();
        if (eligibility.MinimumStateOfCharge is < 0 or > 100)
            throw new ValidationFailedException("minimumStateOfCharge", "The minimum state of charge is a percentage from 0 to 100.");
        if (eligibility.ReportedWithinHours is < 1 or > 24 * 30)
            throw new ValidationFailedException("reportedWithinHours", "A vehicle must have reported within 1 to 720 hours.");
        if (eligibility.DispatchTimeoutHours is < 1 or > 24 * 30)
            throw new ValidationFailedException("dispatchTimeoutHours", "The dispatch timeout is 1 to 720 hours.");
        var health = draft.Health ?? new CampaignHealthSettings();
        if (!double.IsFinite(health.AbsoluteMargin) || health.AbsoluteMargin is < 0 or > 100)
            throw new ValidationFailedException("healthAbsoluteMargin", "The absolute margin is 0 to 100 alarms per vehicle.");
        if (health.RelativeMarginPercent is < 0 or > 10_000)
            throw new ValidationFailedException("healthRelativeMargin", "The relative margin is 0 to 10,000 percent.");
        if (health.MinimumSample is < 1 or > 100_000)
            throw new ValidationFailedException("healthMinimumSample", "The minimum sample is 1 to 100,000 vehicles.");
    }

    /// <summary>Waves in order: percentages strictly increasing within 1 to 100, the last one 100; thresholds 1 to 100; soaks within 30 days.</summary>
    public static void ValidateWaves(IReadOnlyList<WaveDraft>? waves)
    {
        if (waves is not { Count: > 0 })
            throw new ValidationFailedException("waves", "A campaign needs at least one wave.");
        if (waves.Count > MaxWaves)
            throw new ValidationFailedException("waves", $"A campaign has at most {MaxWaves} waves.");
        var previous = 0;
        for (var i = 0; i < waves.Count; i++)
        {
            var wave = waves[i];
            var label = $"Wave {i + 1}";
            if ((wave.Percent is null) == (wave.FleetId is null))
                throw new ValidationFailedException("waves", $"{label} is either a share of the population or a fleet, not both or neither.");
            if (wave.Percent is { } percent)
            {
                if (percent is < 1 or > 100)
                    throw new ValidationFailedException("waves", $"{label}: a share of the population is 1 to 100 percent.");
                if (percent <= previous)
                    throw new ValidationFailedException("waves", $"{label}: each wave reaches a larger share of the population than the one before ({previous}%).");
                previous = percent;
            }
            if (wave.SuccessThreshold is < 1 or > 100)
                throw new ValidationFailedException("waves", $"{label}: the success threshold is 1 to 100 percent.");
            if (wave.SoakMinutes is < 0 or > MaxSoakMinutes)
                throw new ValidationFailedException("waves", $"{label}: the soak window is 0 minutes to 30 days.");
        }
        if (waves[^1].Percent != 100)
            throw new ValidationFailedException("waves", "The last wave reaches 100 percent of the population.");
    }

    /// <summary>
    /// Splits the population into waves: a fleet wave takes the population's vehicles in the fleet not taken yet; a share
    /// wave takes, in a fixed pseudo-random order of the VINs, vehicles until the cumulative share is reached.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> AssignWaves(IReadOnlyList<string> population, IReadOnlyList<WaveDraft> waves,
        Func<int, IReadOnlySet<string>> fleetMembers)
    {
        var order = population.Distinct(StringComparer.Ordinal).OrderBy(Spread).ThenBy(v => v, StringComparer.Ordinal).ToList();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<IReadOnlyList<string>>();
        foreach (var wave in waves)
        {
            List<string> members;
            if (wave.FleetId is { } fleet)
            {
                var inFleet = fleetMembers(fleet);
                members = order.Where(v => !taken.Contains(v) && inFleet.Contains(v)).ToList();
            }
            else
            {
                var target = (int)Math.Ceiling(order.Count * wave.Percent!.Value / 100.0);
                members = order.Where(v => !taken.Contains(v)).Take(Math.Max(0, target - taken.Count)).ToList();
            }
            taken.UnionWith(members);
            result.Add(members);
        }
        return result;
    }

    /// <summary>A stable hash of a VIN (FNV-1a), so the waves of a population are the same on every run and node.</summary>
    private static uint Spread(string vin)
    {
        var hash = 2166136261u;
        foreach (var c in vin)
            hash = (hash ^ c) * 16777619u;
        return hash;
    }

    /// <summary>Refuses a status change the campaign's status does not allow, with a message that says why.</summary>
    public static void EnsureCanMove(Campaign campaign, CampaignStatus to)
    {
        var allowed = (campaign.Status, to) switch
        {
            (CampaignStatus.Draft, CampaignStatus.Running) => true,
            (CampaignStatus.Running, CampaignStatus.Paused) => true,
            (CampaignStatus.Paused, CampaignStatus.Running) => true,
            (CampaignStatus.Running, CampaignStatus.Completed) => true,
            (CampaignStatus.Draft or CampaignStatus.Running or CampaignStatus.Paused, CampaignStatus.Aborted) => true,
            _ => false,
        };
        if (allowed)
            return;
        var message = (campaign.Status, to) switch
        {
            (CampaignStatus.Completed or CampaignStatus.Aborted, _) => $"The campaign is {Describe(campaign.Status)} already; nothing more can change it.",
            (CampaignStatus.Paused, CampaignStatus.Paused) => "The campaign is paused already.",
            (CampaignStatus.Running, CampaignStatus.Running) => "The campaign is running already.",
            (CampaignStatus.Draft, CampaignStatus.Paused) => "A draft campaign has not started, so it cannot be paused.",
            (_, CampaignStatus.Running) when campaign.Status != CampaignStatus.Draft => "Only a paused campaign can be resumed.",
            _ => $"A {Describe(campaign.Status)} campaign cannot become {Describe(to)}.",
        };
        throw new ConflictException(message);
    }

    /// <summary>Moves the campaign to <paramref name="to"/> (after <see cref="EnsureCanMove"/>) and records the transition.</summary>
    public static void Move(IArcData data, Campaign campaign, CampaignStatus to, string actor, string? reason, DateTimeOffset now)
    {
        EnsureCanMove(campaign, to);
        data.Add(new CampaignTransition
        {
            CampaignId = campaign.Id, At = now, Actor = actor, From = campaign.Status, To = to, Wave = campaign.CurrentWave, Reason = reason,
        });
        (campaign.Status, campaign.StatusReason, campaign.StatusChanged) = (to, reason, now);
    }

    /// <summary>A reason as given, trimmed; required (pause and abort say why), at most <see cref="Campaign.MaxReasonLength"/> characters.</summary>
    public static string Reason(string? reason, bool required)
    {
        var text = reason?.Trim() ?? "";
        if (required && text.Length == 0)
            throw new ValidationFailedException("reason", "Say why: the reason is kept with the campaign and its audit.");
        if (text.Length > Campaign.MaxReasonLength)
            throw new ValidationFailedException("reason", $"A reason has at most {Campaign.MaxReasonLength} characters.");
        return text;
    }

    public static string Describe(CampaignStatus status) => status.ToString().ToLowerInvariant();

    public static string Describe(PopulationKind kind) => kind switch
    {
        PopulationKind.Model => "model",
        PopulationKind.ModelRelease => "model release",
        PopulationKind.Fleet => "fleet",
        PopulationKind.FirmwareBelow => "firmware release (vehicles below it)",
        PopulationKind.Recall => "recall",
        _ => "campaign",
    };

    /// <summary>Vehicle statuses in which the vehicle has been sent the target and has not finished with it.</summary>
    public static readonly IReadOnlyList<CampaignVehicleStatus> InFlight =
        [CampaignVehicleStatus.Dispatched, CampaignVehicleStatus.Downloading, CampaignVehicleStatus.Installing];
}
