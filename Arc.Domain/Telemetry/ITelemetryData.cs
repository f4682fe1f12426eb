using Arc.Domain.Common;

namespace Arc.Domain.Telemetry;

/// <summary>The tables of telemetry definitions, backfills and exports, read as <c>data.TelemetryDefinitionVersions</c> on any <see cref="IArcData"/>.</summary>
public interface ITelemetryData : IEntitySets
{
    IQueryable<TelemetryDefinitionVersion> TelemetryDefinitionVersions => Set<TelemetryDefinitionVersion>();
    IQueryable<PointDefinition> PointDefinitions => Set<PointDefinition>();
    IQueryable<TelemetryBackfill> TelemetryBackfills => Set<TelemetryBackfill>();
    IQueryable<TelemetryExport> TelemetryExports => Set<TelemetryExport>();
}
