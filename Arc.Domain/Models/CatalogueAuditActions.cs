namespace Arc.Domain.Models;

/// <summary>Stable audit codes of catalogue and vehicle-configuration changes; a code, once used, keeps its meaning.</summary>
public static class CatalogueAuditActions
{
    public const string ModelEntity = "VehicleModel";
    public const string ReleaseEntity = "ModelRelease";
    public const string PartTypeEntity = "PartType";
    public const string PartEntity = "Part";
    public const string VehicleEntity = "Vehicle";
    public const string ModelCreated = "model.created";
    public const string ReleaseCreated = "model_release.created";
    public const string PartTypeCreated = "part_type.created";
    public const string PartCreated = "part.created";
    public const string ReleasePartSet = "model_release.part_set";
    public const string VehicleReleaseSet = "vehicle.model_release_set";
    public const string VehiclePartInstalled = "vehicle.part_installed";
    public const string VehicleInspected = "vehicle.quality_inspected";
    public const string VehicleGovernorSet = "vehicle.governor_set";
    public const string VehicleGpsRecordingSet = "vehicle.gps_recording_set";
}
