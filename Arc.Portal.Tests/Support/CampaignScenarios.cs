using Arc.Domain.Alarms;
using Arc.Domain.Rollouts;

namespace Arc.Portal.Tests.Support;

/// <summary>Whole campaigns in a given state, for the tests that look at a page rather than at how it got there.</summary>
public static class CampaignScenarios
{
    /// <summary>
    /// A campaign over a fleet of twenty whose first wave (half of them) installed and then raised fault alarms, so the
    /// health gate paused it: every panel of the campaign page has something to show. Answers the campaign's id.
    /// </summary>
    public static async Task<int> PausedByHealthGateAsync(PortalServer portal, string name)
    {
        var kit = new CampaignTestData(portal);
        var (releaseId, _) = await kit.ReleaseAsync(DateTimeOffset.UtcNow.AddDays(-1));
        var (fleetId, vins) = await kit.FleetAsync(20);
        var id = await kit.AsAdminAsync(sp => sp.GetRequiredService<CreateCampaign>().HandleAsync(new CampaignDraft(name, [releaseId],
            new CampaignPopulation(PopulationKind.Fleet, fleetId), [new WaveDraft(50, SoakMinutes: 120), new WaveDraft(100, SoakMinutes: 60)])));
        await kit.AsAdminAsync(sp => sp.GetRequiredService<StartCampaign>().HandleAsync(id));
        await kit.AdvanceAsync(id);
        await kit.PlayVehiclesAsync(vins);
        var installed = (await kit.AsAdminAsync(sp => sp.GetRequiredService<ListCampaignVehicles>()
            .HandleAsync(new CampaignVehicleQuery(id, CampaignVehicleStatus.Installed)))).Items.Select(v => v.Vin).ToList();
        kit.Clock.Advance(TimeSpan.FromMinutes(10));
        await RaiseFaultsAsync(portal, installed.Append(vins.Except(installed).First()).ToList(), kit.Clock.GetUtcNow());
        await kit.AdvanceAsync(id);
        return id;
    }

    /// <summary>An alarm on each vehicle at the given time, as the alarm engine would raise it: a fault point's by default.</summary>
    public static async Task RaiseFaultsAsync(PortalServer portal, IReadOnlyList<string> vins, DateTimeOffset at, string point = "fault_inverter",
        string kind = AlarmRuleKinds.FaultPoint)
    {
        await using var db = portal.CreateDb();
        var rule = new AlarmRule
        {
            Name = $"Fault {Guid.NewGuid():N}"[..20], Kind = kind, Severity = AlarmSeverities.Major, Point = point,
            Enabled = false, Created = at, Updated = at,
        };
        db.Add(rule);
        await db.SaveChangesAsync();
        db.AddRange(vins.Select(v => new Alarm { RuleId = rule.Id, Vin = v, Severity = rule.Severity, RaisedAt = at, Details = "Inverter fault" }));
        await db.SaveChangesAsync();
    }
}
