using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Alarms;

/// <summary>Changes the severity or vehicles of one of the signed-in person's own subscriptions (permission alarms.alarm.read).</summary>
public sealed class ChangeAlarmSubscription(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(int subscriptionId, AlarmSubscriptionDraft draft, CancellationToken ct = default)
    {
        var username = await AlarmSubscriptionRules.RequireSubscriberAsync(user, ct);
        await using var data = dataFactory.Open();
        // Someone else's subscription answers as an unknown one: ids of other people's subscriptions are not confirmed.
        var subscription = await data.FirstOrDefaultAsync(data.AlarmSubscriptions.Where(s => s.Id == subscriptionId && s.Username == username), ct)
            ?? throw new NotFoundException("Subscription", subscriptionId.ToString(CultureInfo.InvariantCulture));
        await AlarmSubscriptionRules.ApplyAsync(data, user, draft, subscription, ct);
        audit.Record(data, username, AlarmAuditActions.SubscriptionChanged, AlarmAuditActions.SubscriptionEntity,
            subscription.Id.ToString(CultureInfo.InvariantCulture), AlarmSubscriptionRules.Summary(subscription));
        await data.SaveChangesAsync(ct);
    }
}
