using Arc.Domain.Common;

namespace Arc.Domain.Telemetry;

/// <summary>The caller's own ten latest exports of a vehicle they may read, newest first.</summary>
public sealed class ListTelemetryExports(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<IReadOnlyList<ExportView>> HandleAsync(string vinText, CancellationToken ct = default)
    {
        var (username, vin) = await ReadableVehicle.RequireAsync(dataFactory, user, environment, vinText, mustExist: false, ct);
        await using var data = dataFactory.Open();
        return (await data.ListAsync(data.TelemetryExports.Where(e => e.Vin == vin && e.Actor == username).OrderByDescending(e => e.Id).Take(10), ct))
            .Select(ExportView.Of).ToList();
    }
}
