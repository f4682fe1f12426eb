namespace Arc.Domain.Firmware;

/// <summary>Which part type hosts which firmware component (main <c>firmware_components</c>).</summary>
public class FirmwareComponent
{
    public required string PartType { get; set; }
    public required string Component { get; set; }
    public DateTimeOffset Created { get; set; }
}

/// <summary>
/// One released build of a component for one hosting part type (main <c>firmware_release</c>); the newest row of a
/// component is its current release.
/// </summary>
public class FirmwareRelease
{
    public int Id { get; set; }
    public required string PartType { get; set; }
    public required string Component { get; set; }
    public required string Hash { get; set; }
    /// <summary>The commit message of the build.</summary>
    public string? Description { get; set; }
    public string? Author { get; set; }
    /// <summary>When the build was committed, as the manifest says.</summary>
    public DateTimeOffset? Committed { get; set; }
    /// <summary>When the portal recorded the release.</summary>
    public DateTimeOffset Created { get; set; }
}

/// <summary>Every hash ever deployed per component (main <c>firmware_versions</c>); the speed-governor rule reads its dates.</summary>
public class FirmwareVersion
{
    public required string Component { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset Created { get; set; }
}

/// <summary>
/// The firmware recorded as installed on a vehicle, per part type and component (main <c>vehicle_firmware_installed</c>).
/// The release is null when the vehicle's hash was recorded as invalid.
/// </summary>
public class VehicleFirmwareInstalled
{
    public required string Vin { get; set; }
    public required string PartType { get; set; }
    public required string Component { get; set; }
    public int? FirmwareReleaseId { get; set; }
    public FirmwareRelease? Release { get; set; }
    public DateTimeOffset Installed { get; set; }
}
