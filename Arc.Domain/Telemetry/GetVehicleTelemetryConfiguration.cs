using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Telemetry;

/// <param name="Version">The definitions version the vehicle decodes its points with.</param>
/// <param name="RowVersion">The vehicle's row version, which the page sends back with a change.</param>
public sealed record TelemetryConfig(string Vin, string Version, IReadOnlyList<string> Points, IReadOnlyList<string> Versions, IReadOnlyList<string> Available,
    uint RowVersion = 0);

/// <summary>Which points a vehicle reports and with which definitions version (spec/backend.md §6.6), with the versions to choose from.</summary>
public sealed class GetVehicleTelemetryConfiguration(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    public async Task<TelemetryConfig> HandleAsync(string vinText, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.TelemetryPointsRead, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        var vehicle = await data.FirstOrDefaultAsync(data.Vehicles.Where(v => v.Vin == vin), ct) ?? throw new NotFoundException("Vehicle", vin);
        var stored = await data.FirstOrDefaultAsync(data.VehicleMeta.Where(m => m.Vin == vin && m.Section == TelemetrySettings.Section && m.Key == TelemetrySettings.VersionKey).Select(m => m.Value), ct);
        var version = TelemetrySettings.ToVersionName(stored);
        var points = await data.ListAsync(data.TelemetryPoints.Where(p => p.Vin == vin).OrderBy(p => p.Point).Select(p => p.Point), ct);
        var versions = await data.ListAsync(data.TelemetryDefinitionVersions.OrderByDescending(v => v.IsDefault).Select(v => v.Name), ct);
        var available = await data.ListAsync(data.PointDefinitions
            .Where(p => data.TelemetryDefinitionVersions.Any(v => v.Id == p.VersionId && v.Name == version)).OrderBy(p => p.Name).Select(p => p.Name), ct);
        return new TelemetryConfig(vin, version, points, versions, available, vehicle.Version);
    }
}
