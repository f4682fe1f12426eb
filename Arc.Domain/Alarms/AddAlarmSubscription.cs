using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Alarms;

/// <summary>Subscribes the signed-in person to alarm emails (permission alarms.alarm.read); nobody subscribes anyone else.</summary>
public sealed class AddAlarmSubscription(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task<int> HandleAsync(AlarmSubscriptionDraft draft, CancellationToken ct = default)
    {
        var username = await AlarmSubscriptionRules.RequireSubscriberAsync(user, ct);
        await using var data = dataFactory.Open();
        if (await data.CountAsync(data.AlarmSubscriptions.Where(s => s.Username == username), ct) >= AlarmSubscriptionRules.MaxPerPerson)
            throw new ValidationFailedException($"You have {AlarmSubscriptionRules.MaxPerPerson} subscriptions, the most one person may have: change or remove one first.");
        var subscription = new AlarmSubscription { Username = username, MinimumSeverity = "" };
        await AlarmSubscriptionRules.ApplyAsync(data, user, draft, subscription, ct);
        data.Add(subscription);
        await data.AssignIdAsync(subscription, ct);
        audit.Record(data, username, AlarmAuditActions.SubscriptionAdded, AlarmAuditActions.SubscriptionEntity,
            subscription.Id.ToString(CultureInfo.InvariantCulture), AlarmSubscriptionRules.Summary(subscription));
        await data.SaveChangesAsync(ct);
        return subscription.Id;
    }
}
