using System.Collections.Concurrent;
using System.Text.Json;
using Arc.Domain.Alarms;
using Arc.Domain.Audit;
using Arc.Domain.Email;
using Arc.Domain.Intake;
using Arc.Domain.Telemetry;
using Arc.Portal.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Arc.Portal.Tests.Integration;

/// <summary>The alarm engine on the real database: what a batch of telemetry raises, who is told, and the lifecycle after.</summary>
public sealed class AlarmEngineTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-1);

    private async Task<int> CreateRuleAsync(AlarmRuleDraft draft)
    {
        var engine = portal.Services.GetRequiredService<AlarmEngine>();
        var generation = engine.RulesGeneration;
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var id = await scope.ServiceProvider.GetRequiredService<CreateAlarmRule>().HandleAsync(draft);
        // The engine hears of the new rule through the change feed, as a node that did not save it would.
        await Eventually.ReturnsAsync(() => Task.FromResult(engine.RulesGeneration), g => g > generation, TimeSpan.FromSeconds(10), "the engine hearing of the rule");
        return id;
    }

    private async Task<string> VinAsync(int skip)
    {
        await using var db = portal.CreateDb();
        return await db.VehicleSet.OrderBy(v => v.Vin).Skip(skip).Select(v => v.Vin).FirstAsync();
    }

    private Task BatchAsync(string vin, params (int Seconds, string Point, double Value)[] samples) =>
        portal.Services.GetServices<IIntakeObserver>().OfType<AlarmEngine>().Single().OnBatchWrittenAsync(new IntakeBatch(
            samples.Select(s => new TelemetrySample(vin, T0.AddSeconds(s.Seconds), new Dictionary<string, double> { [s.Point] = s.Value })).ToList(),
            new Dictionary<string, int> { [vin] = samples.Length }, DateTimeOffset.UtcNow), CancellationToken.None);

    private async Task<List<Alarm>> AlarmsAsync(int ruleId, string vin)
    {
        await using var db = portal.CreateDb();
        return await db.Set<Alarm>().Where(a => a.RuleId == ruleId && a.Vin == vin).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task Low_soc_for_five_minutes_raises_one_alarm_which_is_acknowledged_and_cleared_with_every_step_audited()
    {
        var vin = await VinAsync(1);
        var ruleId = await CreateRuleAsync(new AlarmRuleDraft("SOC low " + Guid.NewGuid().ToString("N")[..6], AlarmRuleKinds.Threshold, AlarmSeverities.Major,
            "bms_pack_soc", ThresholdOperators.Below, 10, 300, 12));

        await BatchAsync(vin, (0, "bms_pack_soc", 9), (120, "bms_pack_soc", 8));
        Assert.Empty(await AlarmsAsync(ruleId, vin));
        await BatchAsync(vin, (300, "bms_pack_soc", 7), (330, "bms_pack_soc", 10.5), (360, "bms_pack_soc", 9));
        var alarm = Assert.Single(await AlarmsAsync(ruleId, vin));
        Assert.Equal(7, alarm.Value);
        Assert.Equal(AlarmSeverities.Major, alarm.Severity);

        var admin = await portal.AdminUsernameAsync();
        await using (var scope = await portal.AsUserAsync(admin))
        {
            var page = await scope.ServiceProvider.GetRequiredService<ListAlarms>().HandleAsync(new AlarmQuery(Status: AlarmStatuses.ActiveUnacknowledged, RuleId: ruleId));
            Assert.Equal(alarm.Id, Assert.Single(page.Items).Id);
            await scope.ServiceProvider.GetRequiredService<AcknowledgeAlarm>().HandleAsync(alarm.Id);
            await scope.ServiceProvider.GetRequiredService<ClearAlarm>().HandleAsync(alarm.Id);
        }
        var done = Assert.Single(await AlarmsAsync(ruleId, vin));
        Assert.Equal(admin, done.AcknowledgedBy);
        Assert.Equal(admin, done.ClearedBy);

        await using var db = portal.CreateDb();
        var actions = await db.Set<AuditEvent>().Where(e => e.EntityType == AlarmAuditActions.AlarmEntity && e.EntityId == alarm.Id.ToString())
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.Actor }).ToListAsync();
        Assert.Equal([(AlarmAuditActions.Raised, AuditTrail.SystemActor), (AlarmAuditActions.Acknowledged, admin), (AlarmAuditActions.Cleared, admin)],
            actions.Select(a => (a.Action, a.Actor)));
    }

    [Fact]
    public async Task A_fault_point_raises_and_its_rule_clears_the_alarm_when_the_fault_goes()
    {
        var vin = await VinAsync(2);
        var faultPoint = await FaultPointAsync();
        var ruleId = await CreateRuleAsync(new AlarmRuleDraft("Fault " + Guid.NewGuid().ToString("N")[..6], AlarmRuleKinds.FaultPoint, AlarmSeverities.Critical, faultPoint));
        await BatchAsync(vin, (0, faultPoint, 0), (10, faultPoint, 4));
        Assert.True(Assert.Single(await AlarmsAsync(ruleId, vin)).IsActive);
        await BatchAsync(vin, (20, faultPoint, 0));
        var cleared = Assert.Single(await AlarmsAsync(ruleId, vin));
        Assert.Equal(AuditTrail.SystemActor, cleared.ClearedBy);
        // The fault comes back: a new alarm, the old one stays cleared.
        await BatchAsync(vin, (30, faultPoint, 2));
        Assert.Equal(2, (await AlarmsAsync(ruleId, vin)).Count);
    }

    [Fact]
    public async Task Many_raises_at_once_on_several_nodes_leave_one_active_alarm()
    {
        var vin = await VinAsync(3);
        var ruleId = await CreateRuleAsync(new AlarmRuleDraft("Race " + Guid.NewGuid().ToString("N")[..6], AlarmRuleKinds.Threshold, AlarmSeverities.Minor,
            "bms_pack_soc", ThresholdOperators.Above, 50));
        AlarmRule rule;
        await using (var db = portal.CreateDb())
            rule = await db.Set<AlarmRule>().SingleAsync(r => r.Id == ruleId);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var scope = portal.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AlarmLifecycle>().RaiseAsync(rule, vin, 60, "race", CancellationToken.None);
        }));
        Assert.Single(results, raised => raised);
        Assert.Single(await AlarmsAsync(ruleId, vin));
    }

    [Fact]
    public async Task A_subscriber_gets_an_email_and_the_rules_webhook_receives_slack_json()
    {
        await using var hook = await RecordingWebhook.StartAsync();
        var vin = await VinAsync(4);
        var email = $"subscriber-{Guid.NewGuid():N}@arc.test";
        var subscriber = await portal.CreateUserAsync(email);
        await portal.AddToGroupAsync(subscriber, await portal.CreateGroupAsync($"alarm-readers-{Guid.NewGuid():N}",
            Arc.Domain.Permissions.Perm.AlarmRead, Arc.Domain.Permissions.Perm.VehicleRead));
        var quiet = await portal.CreateUserAsync($"quiet-{Guid.NewGuid():N}@arc.test");
        await using (var db = portal.CreateDb())
        {
            db.Add(new AlarmSubscription { Username = subscriber, MinimumSeverity = AlarmSeverities.Major });
            // Subscribed, but without the permission to see alarms: told nothing.
            db.Add(new AlarmSubscription { Username = quiet, MinimumSeverity = AlarmSeverities.Indeterminate });
            await db.SaveChangesAsync();
        }
        var name = "Hot pack " + Guid.NewGuid().ToString("N")[..6];
        await CreateRuleAsync(new AlarmRuleDraft(name, AlarmRuleKinds.Threshold, AlarmSeverities.Critical, "bms_pack_soc", ThresholdOperators.Above, 95,
            WebhookUrl: hook.Url.ToString()));
        await BatchAsync(vin, (0, "bms_pack_soc", 99));

        await using (var db = portal.CreateDb())
        {
            var sent = await db.Set<OutboxEmail>().Where(e => e.Template == EmailTemplates.AlarmRaised && e.Subject.Contains(name)).ToListAsync();
            Assert.Equal(email, Assert.Single(sent).To);
            Assert.Contains(vin, sent[0].Text);
        }
        var body = await Eventually.ReturnsAsync(() => Task.FromResult(hook.Bodies.FirstOrDefault(b => b.Contains(name))), b => b is not null,
            TimeSpan.FromSeconds(15), "the webhook receiving the alarm");
        var text = JsonDocument.Parse(body!).RootElement.GetProperty("text").GetString();
        Assert.Contains("[critical]", text);
        Assert.Contains(vin, text);
    }

    [Fact]
    public async Task A_vehicle_silent_for_longer_than_the_rule_allows_is_not_reporting_until_it_reports_again()
    {
        // A vehicle of its own: another test writing a fresh point for a shared one would make it look alive.
        var vin = await Intake.IntakeTestData.NewVehicleAsync(portal);
        var store = portal.Services.GetRequiredService<ITelemetryStore>();
        await store.WriteAsync([new TelemetrySample(vin, DateTimeOffset.UtcNow.AddHours(-30), new Dictionary<string, double> { ["bms_pack_soc"] = 50 })]);
        var ruleId = await CreateRuleAsync(new AlarmRuleDraft("Silent " + Guid.NewGuid().ToString("N")[..6], AlarmRuleKinds.NotReporting, AlarmSeverities.Warning,
            Threshold: 24));
        async Task CheckAsync()
        {
            await using var scope = portal.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IEnumerable<Arc.Domain.Jobs.IBackgroundJob>>().OfType<CheckNotReportingAlarms>().Single()
                .RunAsync(0, CancellationToken.None);
        }
        await CheckAsync();
        var alarm = Assert.Single(await AlarmsAsync(ruleId, vin));
        Assert.True(alarm.IsActive);
        Assert.InRange(alarm.Value!.Value, 29.5, 30.5);
        await CheckAsync();
        Assert.Single(await AlarmsAsync(ruleId, vin));

        await store.WriteAsync([new TelemetrySample(vin, DateTimeOffset.UtcNow, new Dictionary<string, double> { ["bms_pack_soc"] = 51 })]);
        await CheckAsync();
        Assert.False(Assert.Single(await AlarmsAsync(ruleId, vin)).IsActive);
    }

    private async Task<string> FaultPointAsync()
    {
        await using var db = portal.CreateDb();
        return await db.Set<PointDefinition>().Where(p => p.Report == "nz").OrderBy(p => p.Name).Select(p => p.Name).FirstAsync();
    }

    /// <summary>A webhook receiver on a loopback port that keeps every body it is sent.</summary>
    private sealed class RecordingWebhook : IAsyncDisposable
    {
        private readonly WebApplication _app;
        public ConcurrentQueue<string> Bodies { get; } = new();
        public Uri Url { get; private set; } = default!;

        private RecordingWebhook(WebApplication app) => _app = app;

        public static async Task<RecordingWebhook> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var hook = new RecordingWebhook(builder.Build());
            hook._app.Run(async context =>
            {
                using var reader = new StreamReader(context.Request.Body);
                hook.Bodies.Enqueue(await reader.ReadToEndAsync());
                context.Response.StatusCode = 200;
            });
            await hook._app.StartAsync();
            hook.Url = new Uri(hook._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/hook");
            return hook;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
