using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Alarms;

public sealed record AlarmSubscriptionView(int Id, string MinimumSeverity, string Scope, int? ScopeId, string? ScopeName)
{
    public AlarmSubscriptionDraft ToDraft() => new(MinimumSeverity, Scope, ScopeId);
}

public sealed record AlarmScopeChoice(int Id, string Name);

/// <summary>The person's subscriptions, most severe first, with the models and fleets they may choose from.</summary>
public sealed record MyAlarmSubscriptions(
    IReadOnlyList<AlarmSubscriptionView> Subscriptions, IReadOnlyList<AlarmScopeChoice> Models, IReadOnlyList<AlarmScopeChoice> Fleets, int Limit);

/// <summary>Lists the signed-in person's own alarm subscriptions (permission alarms.alarm.read).</summary>
public sealed class ListMyAlarmSubscriptions(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<MyAlarmSubscriptions> HandleAsync(CancellationToken ct = default)
    {
        var username = await AlarmSubscriptionRules.RequireSubscriberAsync(user, ct);
        await using var data = dataFactory.Open();
        var rows = await data.ListAsync(data.AlarmSubscriptions.Where(s => s.Username == username)
            .Select(s => new AlarmSubscriptionView(s.Id, s.MinimumSeverity, s.Scope, s.ScopeId,
                s.Scope == AlarmScopes.Model ? data.VehicleModels.Where(m => m.Id == s.ScopeId).Select(m => m.ModelName).FirstOrDefault()
                : s.Scope == AlarmScopes.Fleet ? data.Fleets.Where(f => f.Id == s.ScopeId).Select(f => f.Name).FirstOrDefault() : null)), ct);
        var models = await data.ListAsync(data.VehicleModels.OrderBy(m => m.ModelName).Select(m => new AlarmScopeChoice(m.Id, m.ModelName)), ct);
        var fleets = await data.ListAsync(AlarmSubscriptionRules.VisibleFleets(data, username, await user.HasAsync(Perm.VehicleRead, ct))
            .OrderBy(f => f.Name).Select(f => new AlarmScopeChoice(f.Id, f.Name)), ct);
        var ordered = rows.OrderBy(s => AlarmSeverities.Rank(s.MinimumSeverity)).ThenBy(s => s.Scope != AlarmScopes.All)
            .ThenBy(s => s.ScopeName, StringComparer.CurrentCultureIgnoreCase).ThenBy(s => s.Id).ToList();
        return new MyAlarmSubscriptions(ordered, models, fleets, AlarmSubscriptionRules.MaxPerPerson);
    }
}
