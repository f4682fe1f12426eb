using Arc.Domain.Alarms;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Alarms are seen and handled with the vehicles they are about; rules refuse bad input and change nothing.</summary>
public sealed class AlarmAccessTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<(long InFleet, long Elsewhere, int FleetId)> TwoAlarmsAsync()
    {
        await using var db = portal.CreateDb();
        var link = await db.FleetVehicleSet.Where(fv => fv.FleetId != Fleet.MakerFleetId).OrderBy(fv => fv.Vin).FirstAsync();
        var outside = await db.VehicleSet.Where(v => !db.Set<FleetVehicle>().Any(fv => fv.FleetId == link.FleetId && fv.Vin == v.Vin)).Select(v => v.Vin).FirstAsync();
        var rule = new AlarmRule { Name = "Access " + Guid.NewGuid().ToString("N")[..6], Kind = AlarmRuleKinds.FaultPoint, Severity = AlarmSeverities.Major, Point = "x" };
        db.Add(rule);
        var inFleet = new Alarm { Rule = rule, Vin = link.Vin, Severity = rule.Severity, RaisedAt = DateTimeOffset.UtcNow, Details = "in fleet" };
        var elsewhere = new Alarm { Rule = rule, Vin = outside, Severity = rule.Severity, RaisedAt = DateTimeOffset.UtcNow, Details = "elsewhere" };
        db.AddRange(inFleet, elsewhere);
        await db.SaveChangesAsync();
        return (inFleet.Id, elsewhere.Id, link.FleetId);
    }

    private async Task<string> FleetMemberAsync(int fleetId, params string[] permissions)
    {
        var username = await portal.CreateUserAsync($"alarm-member-{Guid.NewGuid():N}@arc.test");
        await portal.AddToGroupAsync(username, await portal.CreateGroupAsync($"alarms-{Guid.NewGuid():N}", permissions));
        await using var db = portal.CreateDb();
        db.FleetUserSet.Add(new FleetUser { FleetId = fleetId, Username = username });
        await db.SaveChangesAsync();
        return username;
    }

    [Fact]
    public async Task A_fleet_member_sees_and_acknowledges_only_the_alarms_of_their_fleets_vehicles()
    {
        var (inFleet, elsewhere, fleetId) = await TwoAlarmsAsync();
        var member = await FleetMemberAsync(fleetId, Perm.AlarmRead, Perm.AlarmAcknowledge);
        await using var scope = await portal.AsUserAsync(member);
        var ids = (await scope.ServiceProvider.GetRequiredService<ListAlarms>().HandleAsync(new AlarmQuery(PageSize: 200))).Items.Select(a => a.Id).ToList();
        Assert.Contains(inFleet, ids);
        Assert.DoesNotContain(elsewhere, ids);

        await scope.ServiceProvider.GetRequiredService<AcknowledgeAlarm>().HandleAsync(inFleet);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<AcknowledgeAlarm>().HandleAsync(elsewhere));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<ClearAlarm>().HandleAsync(elsewhere));
        await using var db = portal.CreateDb();
        Assert.Null((await db.Set<Alarm>().SingleAsync(a => a.Id == elsewhere)).AcknowledgedAt);
        Assert.True(await db.Set<AuditEvent>().AnyAsync(e => e.Actor == member && e.Action == AuditActions.AccessDenied));
    }

    [Fact]
    public async Task The_alarm_permission_alone_shows_no_vehicle_the_user_may_not_read()
    {
        var (inFleet, elsewhere, _) = await TwoAlarmsAsync();
        var username = await portal.CreateUserAsync($"alarm-only-{Guid.NewGuid():N}@arc.test");
        await portal.AddToGroupAsync(username, await portal.CreateGroupAsync($"alarm-only-{Guid.NewGuid():N}", Perm.AlarmRead));
        await using var scope = await portal.AsUserAsync(username);
        var ids = (await scope.ServiceProvider.GetRequiredService<ListAlarms>().HandleAsync(new AlarmQuery(PageSize: 200))).Items.Select(a => a.Id).ToList();
        Assert.DoesNotContain(inFleet, ids);
        Assert.DoesNotContain(elsewhere, ids);
        Assert.Equal(0, (await scope.ServiceProvider.GetRequiredService<CountAlarms>().HandleAsync()).ActiveUnacknowledged);
    }

    public static TheoryData<AlarmRuleDraft, string> BadRules() => new()
    {
        { new AlarmRuleDraft("", AlarmRuleKinds.Threshold, AlarmSeverities.Major, "bms_pack_soc", ThresholdOperators.Below, 10), "name" },
        { new AlarmRuleDraft("Admin\u202Egpj.exe", AlarmRuleKinds.Threshold, AlarmSeverities.Major, "bms_pack_soc", ThresholdOperators.Below, 10), "name" },
        { new AlarmRuleDraft(new string('x', 101), AlarmRuleKinds.Threshold, AlarmSeverities.Major, "bms_pack_soc", ThresholdOperators.Below, 10), "name" },
        { new AlarmRuleDraft("Bad kind", "drop table", AlarmSeverities.Major), "kind" },
        { new AlarmRuleDraft("Bad severity", AlarmRuleKinds.Threshold, "apocalyptic", "bms_pack_soc", ThresholdOperators.Below, 10), "severity" },
        { new AlarmRuleDraft("No point", AlarmRuleKinds.Threshold, AlarmSeverities.Major, "'; drop table alarm; --", ThresholdOperators.Below, 10), "point" },
        { new AlarmRuleDraft("No value", AlarmRuleKinds.Threshold, AlarmSeverities.Major, "bms_pack_soc", ThresholdOperators.Below), "threshold" },
        { new AlarmRuleDraft("NaN", AlarmRuleKinds.Threshold, AlarmSeverities.Major, "bms_pack_soc", ThresholdOperators.Below, double.NaN), "threshold" },
        { new AlarmRuleDraft("No operator", AlarmRuleKinds.Threshold, AlarmSeverities.Major, "bms_pack_soc", "sideways", 10), "operator" },
        { new AlarmRuleDraft("Wrong clear", AlarmRuleKinds.Threshold, AlarmSeverities.Major, "bms_pack_soc", ThresholdOperators.Below, 10, 0, 5), "clearValue" },
        { new AlarmRuleDraft("Long", AlarmRuleKinds.Threshold, AlarmSeverities.Major, "bms_pack_soc", ThresholdOperators.Below, 10, 8 * 24 * 3600), "duration" },
        { new AlarmRuleDraft("Not a fault", AlarmRuleKinds.FaultPoint, AlarmSeverities.Major, "bms_pack_soc"), "point" },
        { new AlarmRuleDraft("Silent", AlarmRuleKinds.NotReporting, AlarmSeverities.Major, Threshold: 0), "threshold" },
        { new AlarmRuleDraft("Flood", AlarmRuleKinds.Flood, AlarmSeverities.Major, Threshold: 0.5), "threshold" },
        { new AlarmRuleDraft("Model", AlarmRuleKinds.NotReporting, AlarmSeverities.Major, Threshold: 5, Scope: AlarmScopes.Model, ScopeId: 987_654), "scope" },
        { new AlarmRuleDraft("Scope", AlarmRuleKinds.NotReporting, AlarmSeverities.Major, Threshold: 5, Scope: "galaxy"), "scope" },
        { new AlarmRuleDraft("Hook", AlarmRuleKinds.NotReporting, AlarmSeverities.Major, Threshold: 5, WebhookUrl: "javascript:alert(1)"), "webhookUrl" },
        { new AlarmRuleDraft("Hook", AlarmRuleKinds.NotReporting, AlarmSeverities.Major, Threshold: 5, WebhookUrl: "https://user:secret@hooks.example/x"), "webhookUrl" },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public async Task A_bad_rule_is_refused_with_a_message_on_its_field_and_nothing_is_saved(AlarmRuleDraft draft, string field)
    {
        await using var db = portal.CreateDb();
        var before = await db.Set<AlarmRule>().CountAsync();
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => scope.ServiceProvider.GetRequiredService<CreateAlarmRule>().HandleAsync(draft));
        Assert.True(refused.Errors.ContainsKey(field), $"expected an error on {field}, got {string.Join(",", refused.Errors.Keys)}: {refused.Message}");
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        Assert.Equal(before, await db.Set<AlarmRule>().CountAsync());
    }

    [Fact]
    public async Task A_rule_edited_from_a_stale_page_is_refused()
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var draft = new AlarmRuleDraft("Stale " + Guid.NewGuid().ToString("N")[..6], AlarmRuleKinds.NotReporting, AlarmSeverities.Minor, Threshold: 12);
        var id = await scope.ServiceProvider.GetRequiredService<CreateAlarmRule>().HandleAsync(draft);
        var read = (await scope.ServiceProvider.GetRequiredService<ListAlarmRules>().HandleAsync()).Single(r => r.Id == id);
        await scope.ServiceProvider.GetRequiredService<UpdateAlarmRule>().HandleAsync(id, draft with { Threshold = 13 }, read.Version);
        await Assert.ThrowsAsync<ConflictException>(() => scope.ServiceProvider.GetRequiredService<UpdateAlarmRule>().HandleAsync(id, draft with { Threshold = 14 }, read.Version));
        Assert.Equal(13, (await scope.ServiceProvider.GetRequiredService<ListAlarmRules>().HandleAsync()).Single(r => r.Id == id).Threshold);
    }
}
