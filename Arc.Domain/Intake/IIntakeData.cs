using Arc.Domain.Common;

namespace Arc.Domain.Intake;

/// <summary>The intake's tables: its accounting per vehicle and per minute, refusals and dead letters.</summary>
public interface IIntakeData : IEntitySets
{
}
