using Arc.Domain.Common;

namespace Arc.Domain.Alarms;

/// <summary>The alarm rules, the alarms they raise and who is told about them.</summary>
public interface IAlarmData : IEntitySets
{
}
