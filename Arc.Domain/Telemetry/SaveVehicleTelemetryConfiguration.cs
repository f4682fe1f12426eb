using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.SideEffects;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Telemetry;

/// <summary>
/// Replaces the points a vehicle reports and its definitions version, and pushes its shadow; the vehicle applies it at
/// its next check-in. The vehicle's version changes with its configuration, so of two people saving from pages that
/// read the same configuration, the second is refused.
/// </summary>
public sealed class SaveVehicleTelemetryConfiguration(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, Outbox outbox,
    AuditTrail audit) : IUseCase
{
    /// <summary>
    /// Replaces the vehicle's points (each must exist in the chosen version) and queues the shadow update.
    /// <paramref name="rowVersion"/> is <see cref="TelemetryConfig.RowVersion"/> as the caller's page read it.
    /// </summary>
    public async Task HandleAsync(string vinText, string version, IReadOnlyCollection<string> points, uint? rowVersion = null,
        CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.TelemetryPointsWrite, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        if (points.Count == 0)
            throw new ValidationFailedException("points", "Choose at least one point; a vehicle that reports nothing cannot be followed.");
        await using var data = dataFactory.Open();
        var vehicle = await data.FirstOrDefaultAsync(data.Vehicles.Where(v => v.Vin == vin), ct) ?? throw new NotFoundException("Vehicle", vin);
        var known = (await data.ListAsync(data.PointDefinitions
            .Where(p => data.TelemetryDefinitionVersions.Any(v => v.Id == p.VersionId && v.Name == version)).Select(p => p.Name), ct)).ToHashSet(StringComparer.Ordinal);
        if (known.Count == 0)
            throw new ValidationFailedException("version", $"There is no definitions version '{(version.Length > 40 ? version[..40] : version)}'.");
        var unknown = points.Where(p => !known.Contains(p)).Take(3).ToList();
        if (unknown.Count > 0)
            throw new ValidationFailedException("points", $"Version {version} has no point {string.Join(", ", unknown.Select(p => p.Length > 40 ? p[..40] : p))}.");

        var chosen = points.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var row in await data.ListAsync(data.TelemetryPoints.Where(p => p.Vin == vin), ct))
            data.Remove(row);
        foreach (var point in chosen)
            data.Add(new VehicleTelemetryPoint { Vin = vin, Point = point });
        var meta = await data.FirstOrDefaultAsync(data.VehicleMeta.Where(m => m.Vin == vin && m.Section == TelemetrySettings.Section
            && m.Key == TelemetrySettings.VersionKey), ct);
        var storedVersion = TelemetrySettings.FromVersionName(version);
        if (meta is null)
            data.Add(new VehicleMeta { Vin = vin, Section = TelemetrySettings.Section, Key = TelemetrySettings.VersionKey, Value = storedVersion });
        else
            meta.Value = storedVersion;
        data.ExpectVersion(vehicle, rowVersion, $"The telemetry configuration of {vin}");
        audit.Record(data, username, AuditActions.VehicleTelemetryConfigured, AuditEntityTypes.Vehicle, vin, new { version, points = chosen });
        outbox.PublishShadow(data, vin, username);
        await data.SaveChangesAsync(ct);
    }
}
