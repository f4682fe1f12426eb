using Arc.Domain.Alarms;
using Arc.Domain.Email;
using Arc.Domain.Fleets;
using Arc.Domain.Intake;
using Arc.Domain.Models;
using Arc.Domain.Permissions;
using Arc.Domain.Telemetry;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Subscriptions made on the profile decide who is emailed when the engine raises an alarm: by severity, model and fleet.</summary>
public sealed class AlarmSubscriptionDeliveryTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static int _serial = Random.Shared.Next(40_000, 50_000);

    private async Task<string> VehicleAsync(int releaseId, int? fleetId)
    {
        var vin = "DEV-" + DemoData.MakeVin('S', 'P', Interlocked.Increment(ref _serial));
        await using var db = portal.CreateDb();
        db.VehicleSet.Add(new Vehicle { Vin = vin, Created = DateTimeOffset.UtcNow, ModelReleaseId = releaseId });
        if (fleetId is { } id)
            db.FleetVehicleSet.Add(new FleetVehicle { Vin = vin, FleetId = id });
        await db.SaveChangesAsync();
        return vin;
    }

    /// <summary>A person who subscribes through the use case, as the profile page does, and returns their email.</summary>
    private async Task<string> SubscriberAsync(AlarmSubscriptionDraft draft, string[]? permissions = null, int? memberOf = null)
    {
        var email = $"told-{Guid.NewGuid():N}@arc.test";
        var username = await portal.CreateUserAsync(email);
        await portal.AddToGroupAsync(username, await portal.CreateGroupAsync($"told-{Guid.NewGuid():N}", permissions ?? [Perm.AlarmRead, Perm.VehicleRead]));
        if (memberOf is { } fleet)
        {
            await using var db = portal.CreateDb();
            db.FleetUserSet.Add(new FleetUser { FleetId = fleet, Username = username });
            await db.SaveChangesAsync();
        }
        await using var scope = await portal.AsUserAsync(username);
        await scope.ServiceProvider.GetRequiredService<AddAlarmSubscription>().HandleAsync(draft);
        return email;
    }

    private async Task<int> FleetAsync()
    {
        await using var db = portal.CreateDb();
        var fleet = new Fleet { Name = "Told " + Guid.NewGuid().ToString("N")[..6] };
        db.FleetSet.Add(fleet);
        await db.SaveChangesAsync();
        return fleet.Id;
    }

    private async Task RaiseAsync(string vin, double soc) =>
        await portal.Services.GetServices<IIntakeObserver>().OfType<AlarmEngine>().Single().OnBatchWrittenAsync(new IntakeBatch(
            [new TelemetrySample(vin, DateTimeOffset.UtcNow.AddMinutes(-1), new Dictionary<string, double> { ["bms_pack_soc"] = soc })],
            new Dictionary<string, int> { [vin] = 1 }, DateTimeOffset.UtcNow), CancellationToken.None);

    private async Task<List<string>> ToldAsync(string rule, string vin)
    {
        await using var db = portal.CreateDb();
        var to = await db.Set<OutboxEmail>().Where(e => e.Template == EmailTemplates.AlarmRaised && e.Subject.Contains(rule) && e.Subject.Contains(vin))
            .Select(e => e.To).ToListAsync();
        return to.Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Each_subscriber_is_told_of_alarms_on_the_vehicles_and_severities_they_chose_only()
    {
        List<(int Release, int Model)> releases;
        await using (var db = portal.CreateDb())
            releases = (await db.Set<ModelRelease>().Where(r => r.ModelId != null).OrderBy(r => r.ModelReleaseId).ToListAsync())
                .Select(r => (r.ModelReleaseId, r.ModelId!.Value)).ToList();
        var (releaseA, modelA) = releases[0];
        var (releaseB, modelB) = releases.First(r => r.Model != modelA);
        var fleet = await FleetAsync();
        var otherFleet = await FleetAsync();
        var vinA = await VehicleAsync(releaseA, fleet);
        var vinB = await VehicleAsync(releaseB, fleetId: null);

        var fleetFan = await SubscriberAsync(new(AlarmSeverities.Warning, AlarmScopes.Fleet, fleet));
        var otherFleetFan = await SubscriberAsync(new(AlarmSeverities.Indeterminate, AlarmScopes.Fleet, otherFleet));
        var modelAFan = await SubscriberAsync(new(AlarmSeverities.Indeterminate, AlarmScopes.Model, modelA));
        var modelBFan = await SubscriberAsync(new(AlarmSeverities.Major, AlarmScopes.Model, modelB));
        var everything = await SubscriberAsync(new(AlarmSeverities.Major));
        var criticalOnly = await SubscriberAsync(new(AlarmSeverities.Critical));
        // Without vehicles.vehicle.read, "all vehicles" means the vehicles of one's own fleets.
        var member = await SubscriberAsync(new(AlarmSeverities.Indeterminate), [Perm.AlarmRead], memberOf: fleet);

        var rule = "Told " + Guid.NewGuid().ToString("N")[..6];
        var engine = portal.Services.GetRequiredService<AlarmEngine>();
        var generation = engine.RulesGeneration;
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<CreateAlarmRule>().HandleAsync(new AlarmRuleDraft(rule, AlarmRuleKinds.Threshold, AlarmSeverities.Major,
                "bms_pack_soc", ThresholdOperators.Above, 95));
        await Eventually.ReturnsAsync(() => Task.FromResult(engine.RulesGeneration), g => g > generation, TimeSpan.FromSeconds(10), "the engine hearing of the rule");

        await RaiseAsync(vinA, 99);
        await RaiseAsync(vinB, 99);

        Assert.Equal(new[] { fleetFan, modelAFan, everything, member }.Order(StringComparer.Ordinal), await ToldAsync(rule, vinA));
        Assert.Equal(new[] { modelBFan, everything }.Order(StringComparer.Ordinal), await ToldAsync(rule, vinB));
        Assert.DoesNotContain(otherFleetFan, (await ToldAsync(rule, vinA)).Concat(await ToldAsync(rule, vinB)));
        Assert.DoesNotContain(criticalOnly, (await ToldAsync(rule, vinA)).Concat(await ToldAsync(rule, vinB)));
    }
}
