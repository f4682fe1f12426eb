using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Telemetry;

/// <summary>The last-known state of a page of vehicles in one telemetry query (the old fleet page asked once per vehicle).</summary>
public sealed class GetFleetLatestState(IArcDataFactory dataFactory, ICurrentUser user, ITelemetryStore store) : IUseCase
{
    public const int MaxVehicles = FleetLatestStates.MaxVehicles;

    public async Task<IReadOnlyList<VehicleLatestState>> HandleAsync(IReadOnlyList<string> vins, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.VehicleRead, ct);
        return await FleetLatestStates.ReadAsync(dataFactory, store, vins, ct);
    }
}
