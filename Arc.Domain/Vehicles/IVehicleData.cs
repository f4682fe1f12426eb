using Arc.Domain.Common;

namespace Arc.Domain.Vehicles;

/// <summary>The tables of vehicles, their metadata and the telemetry points each reports, read as <c>data.Vehicles</c> on any <see cref="IArcData"/>.</summary>
public interface IVehicleData : IEntitySets
{
    IQueryable<Vehicle> Vehicles => Set<Vehicle>();
    IQueryable<VehicleMeta> VehicleMeta => Set<VehicleMeta>();
    IQueryable<VehicleTelemetryPoint> TelemetryPoints => Set<VehicleTelemetryPoint>();
}
