using Arc.Domain.Models;

namespace Arc.Domain.Vehicles;

/// <summary>A provisioned vehicle (main <c>vehicle</c> table): it exists once provisioned and has one model release.</summary>
public class Vehicle : Common.IVersioned
{
    public required string Vin { get; set; }
    public DateTimeOffset Created { get; set; }
    public int? ModelReleaseId { get; set; }
    public ModelRelease? ModelRelease { get; set; }
    /// <summary>The row version; it changes when the vehicle is provisioned again and when its telemetry configuration changes.</summary>
    public uint Version { get; set; }
}

/// <summary>Key-value facts about a vehicle grouped in sections (spec/backend.md §2.6).</summary>
public class VehicleMeta
{
    public required string Vin { get; set; }
    public required string Section { get; set; }
    public required string Key { get; set; }
    public required string Value { get; set; }
}

/// <summary>A telemetry point the vehicle must report (main <c>telemetry_points</c>).</summary>
public class VehicleTelemetryPoint
{
    public required string Vin { get; set; }
    public required string Point { get; set; }
    public string? Frequency { get; set; }
}
