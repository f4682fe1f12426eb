using Arc.Domain.Common;

namespace Arc.Domain.Telemetry;

/// <summary>
/// The latest value of each of some points of one vehicle (the old <c>vehicles_telemetry_get</c> with plain point names,
/// spec/backend.md §5), for whoever may open the vehicle; a position point only of a vehicle that records GPS. A point
/// the vehicle never reported is absent from the answer.
/// </summary>
public sealed class GetTelemetryValues(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, ITelemetryStore store) : IUseCase
{
    /// <summary>The most points one call asks for.</summary>
    public const int MaxPoints = 50;

    public async Task<IReadOnlyDictionary<string, LatestValue>> HandleAsync(string vinText, IReadOnlyList<string> points, CancellationToken ct = default)
    {
        var (_, vin) = await ReadableVehicle.RequireAsync(dataFactory, user, environment, vinText, mustExist: true, ct);
        if (points.Count is 0 or > MaxPoints)
            throw new ValidationFailedException("points", $"Ask for 1 to {MaxPoints} points.");
        var parsed = points.Select(TelemetryPoint.Parse).DistinctBy(p => p.Name).ToList();
        if (parsed.Any(p => GpsPrivacy.Covers(p.Name)) && !await ReadableVehicle.RecordsGpsAsync(dataFactory, vin, ct))
            throw new ValidationFailedException("points", "This vehicle does not record its position.");
        return await store.LatestAsync(vin, parsed, ct);
    }
}
