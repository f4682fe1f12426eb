using Arc.Domain.Common;

namespace Arc.Domain.Fleets;

/// <summary>The tables of fleets and their vehicles and users, read as <c>data.Fleets</c> on any <see cref="IArcData"/>.</summary>
public interface IFleetData : IEntitySets
{
    IQueryable<Fleet> Fleets => Set<Fleet>();
    IQueryable<FleetVehicle> FleetVehicles => Set<FleetVehicle>();
    IQueryable<FleetUser> FleetUsers => Set<FleetUser>();
    IQueryable<FleetType> FleetTypes => Set<FleetType>();
    IQueryable<DepartmentCode> DepartmentCodes => Set<DepartmentCode>();
}
