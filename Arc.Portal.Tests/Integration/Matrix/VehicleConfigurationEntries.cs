using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Portal.Tests.Integration.Matrix;

// The rows of the vehicle configuration use cases (speed governor, GPS recording, the status cards). The changes get a
// malformed VIN, refused after the permission check. No seeded group holds vehicles.vehicle.configuration_write, so
// the governor is refused to every role here; VehicleConfigurationTests shows a group holding it let in.

public sealed class SetSpeedGovernorEntry : MatrixEntry<SetSpeedGovernor>
{
    public override string Requirement => Perm.VehicleConfigurationWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<SetSpeedGovernor>().HandleAsync("bad", 30);
}

public sealed class SetGpsRecordingEntry : MatrixEntry<SetGpsRecording>
{
    public override string Requirement => Perm.VehicleWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<SetGpsRecording>().HandleAsync("bad", true);
}

public sealed class GetVehicleStatusEntry : MatrixEntry<GetVehicleStatus>
{
    public override string Requirement => Perm.VehicleRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetVehicleStatus>().HandleAsync(MatrixVehicle.Vin);
}
