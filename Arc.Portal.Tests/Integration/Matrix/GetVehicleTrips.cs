using Arc.Domain.Permissions;
using Arc.Domain.Trips;
using Arc.Infrastructure.Seeding;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>
/// GetVehicleTrips's row of the authorization matrix: the telemetry read rule (a reversed range is refused after the
/// check, so nothing is read). Fleet members' access is FleetMemberAccessTests' business.
/// </summary>
public sealed class GetVehicleTripsEntry : MatrixEntry<GetVehicleTrips>
{
    public override string Requirement => Perm.VehicleRead;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetVehicleTrips>()
        .HandleAsync("DEV-" + DemoData.MakeVin('T', 'L', 19), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(-1));
}
