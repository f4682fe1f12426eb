using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Alarms;

/// <summary>What the profile's Notifications section sends to add or change a subscription; checked in full before anything is saved.</summary>
public sealed record AlarmSubscriptionDraft(string? MinimumSeverity, string? Scope = AlarmScopes.All, int? ScopeId = null);

/// <summary>The rules every subscription keeps, whichever use case writes it.</summary>
public static class AlarmSubscriptionRules
{
    /// <summary>Enough for every model and fleet someone looks after; more is a mistake or a script.</summary>
    public const int MaxPerPerson = 20;

    /// <summary>
    /// Alarm emails tell of alarms, so only those who may see alarms subscribe; the refusal says why in the person's words
    /// rather than naming the permission alone.
    /// </summary>
    public static async Task<string> RequireSubscriberAsync(ICurrentUser user, CancellationToken ct)
    {
        var username = await user.RequireSignedInAsync(ct);
        if (await user.HasAsync(Perm.AlarmRead, ct))
            return username;
        throw await user.RefuseAsync(username, Perm.AlarmRead,
            $"Alarm emails are for people who may see alarms (the permission {Perm.AlarmRead}); ask an administrator if you need them.",
            AlarmAuditActions.SubscriptionEntity, username, ct);
    }

    /// <summary>
    /// Checks the draft (a known severity and scope, a model that exists, a fleet the person may see, no duplicate of another
    /// of their subscriptions) and copies it onto <paramref name="subscription"/>.
    /// </summary>
    public static async Task ApplyAsync(IArcData data, ICurrentUser user, AlarmSubscriptionDraft draft, AlarmSubscription subscription, CancellationToken ct)
    {
        if (draft.MinimumSeverity is not { } severity || !AlarmSeverities.All.Contains(severity))
            throw new ValidationFailedException("severity", "Choose the least severe alarm to be told of: critical, major, minor, warning or indeterminate.");
        var scope = draft.Scope ?? AlarmScopes.All;
        int? scopeId = scope switch
        {
            AlarmScopes.All => null,
            AlarmScopes.Model => draft.ScopeId is { } id && await data.AnyAsync(data.VehicleModels.Where(m => m.Id == id), ct) ? id
                : throw new ValidationFailedException("scopeId", "Choose one of the models listed."),
            AlarmScopes.Fleet => draft.ScopeId is { } id && await data.AnyAsync(VisibleFleets(data, subscription.Username, await user.HasAsync(Perm.VehicleRead, ct))
                    .Where(f => f.Id == id), ct) ? id
                : throw new ValidationFailedException("scopeId", "Choose one of the fleets listed."),
            _ => throw new ValidationFailedException("scope", "A subscription covers all vehicles, one model or one fleet."),
        };
        var username = subscription.Username;
        var self = subscription.Id;
        if (await data.AnyAsync(data.AlarmSubscriptions.Where(s => s.Username == username && s.Id != self
                && s.MinimumSeverity == severity && s.Scope == scope && s.ScopeId == scopeId), ct))
            throw new ValidationFailedException("You already have this subscription: the same vehicles from the same severity up.");
        subscription.MinimumSeverity = severity;
        subscription.Scope = scope;
        subscription.ScopeId = scopeId;
    }

    /// <summary>
    /// The fleets a person may subscribe to: every fleet with vehicles.vehicle.read, otherwise the fleets they belong to (the
    /// only vehicles whose alarms they would be told of). A fleet outside these reads as unknown, so its existence is not confirmed.
    /// </summary>
    public static IQueryable<Fleets.Fleet> VisibleFleets(IArcData data, string username, bool readsEveryVehicle) => readsEveryVehicle
        ? data.Fleets
        : data.Fleets.Where(f => data.FleetUsers.Any(fu => fu.FleetId == f.Id && fu.Username == username));

    public static object Summary(AlarmSubscription s) => new { severity = s.MinimumSeverity, scope = s.Scope, scopeId = s.ScopeId };
}
