using Arc.Domain.Alarms;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>A person's own alarm subscriptions: for those who may see alarms. Changes get input refused after the check.</summary>
public sealed class ListMyAlarmSubscriptionsEntry : MatrixEntry<ListMyAlarmSubscriptions>
{
    public override string Requirement => Perm.AlarmRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListMyAlarmSubscriptions>().HandleAsync();
}

public sealed class AddAlarmSubscriptionEntry : MatrixEntry<AddAlarmSubscription>
{
    public override string Requirement => Perm.AlarmRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<AddAlarmSubscription>().HandleAsync(new AlarmSubscriptionDraft(null));
}

public sealed class ChangeAlarmSubscriptionEntry : MatrixEntry<ChangeAlarmSubscription>
{
    public override string Requirement => Perm.AlarmRead;
    public override Task InvokeAsync(IServiceProvider services) =>
        services.GetRequiredService<ChangeAlarmSubscription>().HandleAsync(987_654_321, new AlarmSubscriptionDraft(AlarmSeverities.Major));
}

public sealed class RemoveAlarmSubscriptionEntry : MatrixEntry<RemoveAlarmSubscription>
{
    public override string Requirement => Perm.AlarmRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<RemoveAlarmSubscription>().HandleAsync(987_654_321);
}
