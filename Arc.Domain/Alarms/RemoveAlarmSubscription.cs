using System.Globalization;
using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Alarms;

/// <summary>Removes one of the signed-in person's own subscriptions (permission alarms.alarm.read); their other ones stay.</summary>
public sealed class RemoveAlarmSubscription(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task HandleAsync(int subscriptionId, CancellationToken ct = default)
    {
        var username = await AlarmSubscriptionRules.RequireSubscriberAsync(user, ct);
        await using var data = dataFactory.Open();
        var subscription = await data.FirstOrDefaultAsync(data.AlarmSubscriptions.Where(s => s.Id == subscriptionId && s.Username == username), ct)
            ?? throw new NotFoundException("Subscription", subscriptionId.ToString(CultureInfo.InvariantCulture));
        data.Remove(subscription);
        audit.Record(data, username, AlarmAuditActions.SubscriptionRemoved, AlarmAuditActions.SubscriptionEntity,
            subscription.Id.ToString(CultureInfo.InvariantCulture), AlarmSubscriptionRules.Summary(subscription));
        await data.SaveChangesAsync(ct);
    }
}
