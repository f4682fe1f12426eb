using Arc.Domain.Common;

namespace Arc.Domain.Intake;

/// <summary>The intake's tables: its accounting per vehicle and per interval, refusals and dead letters.</summary>
public interface IIntakeData : IEntitySets
{
    IQueryable<IntakeVehicleStats> IntakeVehicleStats => Set<IntakeVehicleStats>();
    IQueryable<IntakeInterval> IntakeIntervals => Set<IntakeInterval>();
    IQueryable<IntakeRefusal> IntakeRefusals => Set<IntakeRefusal>();
    IQueryable<IntakeDeadLetter> IntakeDeadLetters => Set<IntakeDeadLetter>();
}
