using Arc.Domain.Common;

namespace Arc.Domain.Telemetry;

/// <summary>One point's history over a range, for whoever may open the vehicle; a GPS point only of a vehicle that records GPS.</summary>
public sealed class GetTelemetrySeries(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, ITelemetryStore store, TimeProvider time)
    : IUseCase
{
    public async Task<TelemetrySeries> HandleAsync(string vinText, string point, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var (_, vin) = await ReadableVehicle.RequireAsync(dataFactory, user, environment, vinText, mustExist: true, ct);
        var parsed = TelemetryPoint.Parse(point);
        var range = TelemetryRange.Create(from, to, time.GetUtcNow());
        if (GpsPrivacy.Covers(parsed.Name) && !await ReadableVehicle.RecordsGpsAsync(dataFactory, vin, ct))
            throw new ValidationFailedException("point", "This vehicle does not record its position.");
        return await store.SeriesAsync(vin, parsed, range, ct);
    }
}
