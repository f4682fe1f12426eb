using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Provisioning;
using Arc.Domain.Shadows;
using Arc.Domain.SideEffects;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Telemetry;

/// <param name="Version">The definitions version the vehicle decodes its points with.</param>
/// <param name="RowVersion">The vehicle's row version, which the page sends back with a change.</param>
public sealed record TelemetryConfig(string Vin, string Version, IReadOnlyList<string> Points, IReadOnlyList<string> Versions, IReadOnlyList<string> Available,
    uint RowVersion = 0);

/// <summary>
/// Which points a vehicle reports and with which definitions version (spec/backend.md §6.6). Saving replaces the
/// vehicle's points and pushes its shadow; the vehicle applies it at its next check-in. The vehicle's version changes with
/// its configuration, so of two people saving from pages that read the same configuration, the second is refused.
/// </summary>
public sealed class VehicleTelemetryConfiguration(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, Outbox outbox,
    AuditTrail audit) : IUseCase
{
    public const string Section = "telemetry_settings";
    public const string VersionKey = "version";

    public async Task<TelemetryConfig> HandleAsync(string vinText, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.TelemetryPointsRead, ct);
        var vin = Vin.Parse(vinText, environment.Environment).Value;
        await using var data = dataFactory.Open();
        var vehicle = await data.FirstOrDefaultAsync(data.Vehicles.Where(v => v.Vin == vin), ct) ?? throw new NotFoundException("Vehicle", vin);
        var stored = await data.FirstOrDefaultAsync(data.VehicleMeta.Where(m => m.Vin == vin && m.Section == Section && m.Key == VersionKey).Select(m => m.Value), ct);
        var version = ToVersionName(stored);
        var points = await data.ListAsync(data.TelemetryPoints.Where(p => p.Vin == vin).OrderBy(p => p.Point).Select(p => p.Point), ct);
        var versions = await data.ListAsync(data.TelemetryDefinitionVersions.OrderByDescending(v => v.IsDefault).Select(v => v.Name), ct);
        var available = await data.ListAsync(data.PointDefinitions
            .Where(p => data.TelemetryDefinitionVersions.Any(v => v.Id == p.VersionId && v.Name == version)).OrderBy(p => p.Name).Select(p => p.Name), ct);
        return new TelemetryConfig(vin, version, points, versions, available, vehicle.Version);
    }

    /// <summary>
    /// Replaces the vehicle's points (each must exist in the chosen version) and queues the shadow update.
    /// <paramref name="rowVersion"/> is <see cref="TelemetryConfig.RowVersion"/> as the caller's page read it.
    /// </summary>
    public async Task SaveAsync(string vinText, string version, IReadOnlyCollection<string> points, uint? rowVersion = null,
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
        var meta = await data.FirstOrDefaultAsync(data.VehicleMeta.Where(m => m.Vin == vin && m.Section == Section && m.Key == VersionKey), ct);
        var storedVersion = FromVersionName(version);
        if (meta is null)
            data.Add(new VehicleMeta { Vin = vin, Section = Section, Key = VersionKey, Value = storedVersion });
        else
            meta.Value = storedVersion;
        data.ExpectVersion(vehicle, rowVersion, $"The telemetry configuration of {vin}");
        audit.Record(data, username, AuditActions.VehicleTelemetryConfigured, AuditEntityTypes.Vehicle, vin, new { version, points = chosen });
        outbox.PublishShadow(data, vin, username);
        await data.SaveChangesAsync(ct);
    }

    /// <summary>Back to the 16 default points of provisioning.</summary>
    public Task ResetAsync(string vinText, string version, uint? rowVersion = null, CancellationToken ct = default) =>
        SaveAsync(vinText, version, ProvisionVehicle.DefaultTelemetryPoints.ToList(), rowVersion, ct);

    /// <summary>The legacy version is published to vehicles under its old S3 version id, which firmware knows it by.</summary>
    private static string ToVersionName(string? stored) =>
        string.IsNullOrEmpty(stored) || stored == DesiredState.DefaultTelemetryVersion ? TelemetryCatalogue.Legacy405 : stored;

    private static string FromVersionName(string name) => name == TelemetryCatalogue.Legacy405 ? DesiredState.DefaultTelemetryVersion : name;
}
