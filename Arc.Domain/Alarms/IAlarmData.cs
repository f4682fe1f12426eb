using Arc.Domain.Common;

namespace Arc.Domain.Alarms;

/// <summary>The alarm rules, the alarms they raise and who is told about them.</summary>
public interface IAlarmData : IEntitySets
{
    IQueryable<AlarmRule> AlarmRules => Set<AlarmRule>();
    IQueryable<Alarm> Alarms => Set<Alarm>();
    IQueryable<AlarmSubscription> AlarmSubscriptions => Set<AlarmSubscription>();
}
