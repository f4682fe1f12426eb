using Arc.Domain.Common;

namespace Arc.Domain.Recalls;

/// <summary>The tables of recall campaigns, their remedies, their vehicles and the data's update stamps, read as <c>data.Recalls</c>.</summary>
public interface IRecallData : IEntitySets
{
    IQueryable<Recall> Recalls => Set<Recall>();
    IQueryable<RecallRemedy> RecallRemedies => Set<RecallRemedy>();
    IQueryable<RecallDataUpdate> RecallDataUpdates => Set<RecallDataUpdate>();
    IQueryable<RecallVehicle> RecallVehicles => Set<RecallVehicle>();
    IQueryable<RecallVehicleEvent> RecallVehicleEvents => Set<RecallVehicleEvent>();
    IQueryable<RecallQuarterReport> RecallQuarterReports => Set<RecallQuarterReport>();
}
