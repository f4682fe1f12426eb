using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.Permissions;

namespace Arc.Domain.Alarms;

/// <summary>
/// Who hears of a raised alarm, queued in the same save as the alarm: an email to every enabled user whose subscription
/// covers its severity and vehicle and who may see it, and the rule's and the portal's webhooks through the durable outbox.
/// </summary>
public sealed class AlarmNotifications(EmailOutbox emails, AlarmWebhooks webhooks, PortalEnvironment environment)
{
    /// <returns>Whether an email was queued (the caller asks for delivery once it has saved).</returns>
    public async Task<bool> QueueAsync(IArcData data, AlarmRule rule, Alarm alarm, CancellationToken ct)
    {
        var queued = false;
        var vin = alarm.Vin;
        var modelId = await data.FirstOrDefaultAsync(data.Vehicles.Where(v => v.Vin == vin).Select(v => v.ModelRelease!.ModelId), ct);
        var fleets = data.FleetVehicles.Where(fv => fv.Vin == vin).Select(fv => fv.FleetId);
        var candidates = await data.ListAsync(data.AlarmSubscriptions
            .Where(s => s.Scope == AlarmScopes.All || (s.Scope == AlarmScopes.Model && s.ScopeId == modelId) || (s.Scope == AlarmScopes.Fleet && fleets.Contains(s.ScopeId!.Value)))
            .Join(data.Users.Where(u => u.Enabled), s => s.Username, u => u.Username, (s, u) => new { s.Username, u.Email, u.DisplayName, s.MinimumSeverity }), ct);
        var link = environment.Link("alarms?vin=" + Uri.EscapeDataString(vin));
        foreach (var person in candidates.Where(c => AlarmSeverities.AtLeast(alarm.Severity, c.MinimumSeverity)).DistinctBy(c => c.Username))
        {
            var held = await ElevationRules.PermissionsOfAsync(data, person.Username, ct);
            if (!held.Contains(Perm.AlarmRead))
                continue;
            if (!held.Contains(Perm.VehicleRead) && !await Vehicles.VehicleAccess.IsFleetMemberAsync(data, person.Username, vin, ct))
                continue;
            await emails.QueueAsync(data, person.Email, EmailTemplates.AlarmRaised, new
            {
                name = person.DisplayName ?? person.Email, vin, rule = rule.Name, severity = alarm.Severity, details = alarm.Details,
                raisedAt = alarm.RaisedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture), alarmsUrl = link,
            }, ct);
            queued = true;
        }
        webhooks.Queue(data, rule, alarm);
        return queued;
    }

    public void Deliver() => emails.Deliver();
}
