using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Domain.Trips;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>
/// GetFleetTrips's row of the authorization matrix: the vehicle read permission (a reversed range is refused after the
/// check, so nothing is read). The fleet's own members are FleetTripsTests' business.
/// </summary>
public sealed class GetFleetTripsEntry : MatrixEntry<GetFleetTrips>
{
    public override string Requirement => Perm.VehicleRead;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetFleetTrips>()
        .HandleAsync(Fleet.MakerFleetId, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(-1));
}
