using Arc.Domain.Common;
using Arc.Domain.Rollouts;

namespace Arc.Portal.Tests.Domain;

/// <summary>The pure rules of over-the-air campaigns (decision 0052): drafts, waves, transitions.</summary>
public class CampaignRulesTests
{
    private static CampaignDraft Draft(string name = "Comm update", IReadOnlyList<WaveDraft>? waves = null, IReadOnlyList<int>? releases = null,
        CampaignEligibility? eligibility = null, CampaignHealthSettings? health = null) =>
        new(name, releases ?? [7], new CampaignPopulation(PopulationKind.Fleet, 3), waves ?? [new WaveDraft(10), new WaveDraft(100)], eligibility, health);

    private static string Refused(CampaignDraft draft) => Assert.Throws<ValidationFailedException>(() => CampaignRules.Validate(draft)).Message;

    [Fact]
    public void A_sound_draft_passes()
    {
        CampaignRules.Validate(Draft(waves: [new WaveDraft(null, FleetId: 4), new WaveDraft(1), new WaveDraft(10), new WaveDraft(50), new WaveDraft(100)]));
    }

    [Fact]
    public void A_name_empty_or_too_long_is_refused()
    {
        Assert.Contains("needs a name", Refused(Draft(name: "  ")));
        Assert.Contains("at most 200", Refused(Draft(name: new string('x', 201))));
    }

    [Fact]
    public void Waves_must_exist_increase_and_end_at_100_percent()
    {
        Assert.Contains("at least one wave", Refused(Draft(waves: [])));
        Assert.Contains("larger share", Refused(Draft(waves: [new WaveDraft(50), new WaveDraft(50), new WaveDraft(100)])));
        Assert.Contains("larger share", Refused(Draft(waves: [new WaveDraft(50), new WaveDraft(10), new WaveDraft(100)])));
        Assert.Contains("1 to 100 percent", Refused(Draft(waves: [new WaveDraft(101)])));
        Assert.Contains("1 to 100 percent", Refused(Draft(waves: [new WaveDraft(0), new WaveDraft(100)])));
        Assert.Contains("last wave reaches 100", Refused(Draft(waves: [new WaveDraft(10), new WaveDraft(50)])));
        Assert.Contains("not both or neither", Refused(Draft(waves: [new WaveDraft(10, FleetId: 2), new WaveDraft(100)])));
        Assert.Contains("not both or neither", Refused(Draft(waves: [new WaveDraft(null), new WaveDraft(100)])));
    }

    [Fact]
    public void Thresholds_soaks_and_settings_out_of_range_are_refused()
    {
        Assert.Contains("success threshold", Refused(Draft(waves: [new WaveDraft(100, SuccessThreshold: 0)])));
        Assert.Contains("success threshold", Refused(Draft(waves: [new WaveDraft(100, SuccessThreshold: 101)])));
        Assert.Contains("soak window", Refused(Draft(waves: [new WaveDraft(100, SoakMinutes: -1)])));
        Assert.Contains("state of charge", Refused(Draft(eligibility: new CampaignEligibility(MinimumStateOfCharge: 120))));
        Assert.Contains("1 to 720 hours", Refused(Draft(eligibility: new CampaignEligibility(ReportedWithinHours: 0))));
        Assert.Contains("absolute margin", Refused(Draft(health: new CampaignHealthSettings(AbsoluteMargin: double.NaN))));
        Assert.Contains("minimum sample", Refused(Draft(health: new CampaignHealthSettings(MinimumSample: 0))));
    }

    [Fact]
    public void A_draft_without_releases_or_with_one_twice_is_refused()
    {
        Assert.Contains("at least one component", Refused(Draft(releases: [])));
        Assert.Contains("chosen twice", Refused(Draft(releases: [3, 3])));
        Assert.Contains("Choose which fleet", Refused(Draft() with { Population = new CampaignPopulation(PopulationKind.Fleet, null) }));
    }

    [Fact]
    public void Waves_take_a_fleet_first_then_cumulative_shares_and_cover_the_population_once()
    {
        var population = Enumerable.Range(0, 200).Select(i => $"VIN{i:D4}").ToList();
        var internalFleet = population.Take(5).ToHashSet();
        var split = CampaignRules.AssignWaves(population, [new WaveDraft(null, 9), new WaveDraft(10), new WaveDraft(50), new WaveDraft(100)],
            _ => internalFleet);
        Assert.Equal([5, 15, 80, 100], split.Select(w => w.Count));
        Assert.True(internalFleet.SetEquals(split[0]));
        Assert.Equal(200, split.SelectMany(w => w).Distinct().Count());
        // The same population splits the same way every time.
        var again = CampaignRules.AssignWaves(population.AsEnumerable().Reverse().ToList(),
            [new WaveDraft(null, 9), new WaveDraft(10), new WaveDraft(50), new WaveDraft(100)], _ => internalFleet);
        Assert.Equal(split.Select(w => w.ToList()), again.Select(w => w.ToList()));
    }

    [Theory]
    [InlineData(CampaignStatus.Draft, CampaignStatus.Running, true)]
    [InlineData(CampaignStatus.Running, CampaignStatus.Paused, true)]
    [InlineData(CampaignStatus.Paused, CampaignStatus.Running, true)]
    [InlineData(CampaignStatus.Running, CampaignStatus.Completed, true)]
    [InlineData(CampaignStatus.Paused, CampaignStatus.Aborted, true)]
    [InlineData(CampaignStatus.Draft, CampaignStatus.Aborted, true)]
    [InlineData(CampaignStatus.Draft, CampaignStatus.Paused, false)]
    [InlineData(CampaignStatus.Paused, CampaignStatus.Paused, false)]
    [InlineData(CampaignStatus.Aborted, CampaignStatus.Running, false)]
    [InlineData(CampaignStatus.Completed, CampaignStatus.Aborted, false)]
    [InlineData(CampaignStatus.Paused, CampaignStatus.Completed, false)]
    public void Only_the_allowed_status_changes_pass(CampaignStatus from, CampaignStatus to, bool allowed)
    {
        var campaign = new Campaign { Name = "c", Owner = "o", Status = from };
        if (allowed)
            CampaignRules.EnsureCanMove(campaign, to);
        else
            Assert.Throws<ConflictException>(() => CampaignRules.EnsureCanMove(campaign, to));
    }

    [Fact]
    public void Refused_changes_say_why()
    {
        string Message(CampaignStatus from, CampaignStatus to) =>
            Assert.Throws<ConflictException>(() => CampaignRules.EnsureCanMove(new Campaign { Name = "c", Owner = "o", Status = from }, to)).Message;
        Assert.Equal("The campaign is paused already.", Message(CampaignStatus.Paused, CampaignStatus.Paused));
        Assert.Contains("aborted already", Message(CampaignStatus.Aborted, CampaignStatus.Running));
        Assert.Contains("has not started", Message(CampaignStatus.Draft, CampaignStatus.Paused));
    }

    [Fact]
    public void A_pause_or_abort_needs_a_reason_of_reasonable_length()
    {
        Assert.Contains("Say why", Assert.Throws<ValidationFailedException>(() => CampaignRules.Reason(" ", required: true)).Message);
        Assert.Contains("at most 500", Assert.Throws<ValidationFailedException>(() => CampaignRules.Reason(new string('r', 501), required: false)).Message);
        Assert.Equal("", CampaignRules.Reason(null, required: false));
    }
}
