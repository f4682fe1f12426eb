using Arc.Domain.Fleets;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

// Fleet management. Changes get a fleet that does not exist, an empty name or a malformed VIN, so each is refused
// after its permission check and the matrix changes nothing.

public sealed class CreateFleetEntry : MatrixEntry<CreateFleet>
{
    public override string Requirement => Perm.FleetCreate;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<CreateFleet>().HandleAsync("");
}

public sealed class RenameFleetEntry : MatrixEntry<RenameFleet>
{
    public override string Requirement => Perm.FleetWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<RenameFleet>().HandleAsync(987_654_321, "matrix");
}

public sealed class DeleteFleetEntry : MatrixEntry<DeleteFleet>
{
    public override string Requirement => Perm.FleetDelete;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<DeleteFleet>().HandleAsync(Fleet.MakerFleetId);
}

public sealed class ListFleetsEntry : MatrixEntry<ListFleets>
{
    public override string Requirement => Perm.FleetRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListFleets>().HandleAsync(new FleetQuery());
}

public sealed class GetFleetEntry : MatrixEntry<GetFleet>
{
    public override string Requirement => Perm.FleetRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetFleet>().HandleAsync(987_654_321);
}

public sealed class ListFleetVehiclesEntry : MatrixEntry<ListFleetVehicles>
{
    public override string Requirement => Perm.FleetRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListFleetVehicles>().HandleAsync(987_654_321, null, 0, 10);
}

public sealed class AddVehicleToFleetEntry : MatrixEntry<AddVehicleToFleet>
{
    public override string Requirement => Perm.FleetWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<AddVehicleToFleet>().HandleAsync(987_654_321, "bad");
}

public sealed class RemoveVehicleFromFleetEntry : MatrixEntry<RemoveVehicleFromFleet>
{
    public override string Requirement => Perm.FleetWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<RemoveVehicleFromFleet>().HandleAsync(987_654_321, "bad");
}

public sealed class PreviewFleetVehicleChangeEntry : MatrixEntry<PreviewFleetVehicleChange>
{
    public override string Requirement => Perm.FleetWrite;
    public override Task InvokeAsync(IServiceProvider services) =>
        services.GetRequiredService<PreviewFleetVehicleChange>().HandleAsync(987_654_321, "", FleetVinChange.Add);
}

public sealed class AddVehiclesToFleetEntry : MatrixEntry<AddVehiclesToFleet>
{
    public override string Requirement => Perm.FleetWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<AddVehiclesToFleet>().HandleAsync(987_654_321, "");
}

public sealed class RemoveVehiclesFromFleetEntry : MatrixEntry<RemoveVehiclesFromFleet>
{
    public override string Requirement => Perm.FleetWrite;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<RemoveVehiclesFromFleet>().HandleAsync(987_654_321, "");
}

public sealed class AddUserToFleetEntry : MatrixEntry<AddUserToFleet>
{
    public override string Requirement => Perm.FleetManageUsers;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<AddUserToFleet>().HandleAsync(987_654_321, "");
}

public sealed class RemoveUserFromFleetEntry : MatrixEntry<RemoveUserFromFleet>
{
    public override string Requirement => Perm.FleetManageUsers;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<RemoveUserFromFleet>().HandleAsync(987_654_321, "");
}

/// <summary>Someone else's fleets ("nobody" is never the caller): only with fleets.group.read.</summary>
public sealed class ListUserFleetsEntry : MatrixEntry<ListUserFleets>
{
    public override string Requirement => Perm.FleetRead;
    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListUserFleets>().HandleAsync("nobody");
}
