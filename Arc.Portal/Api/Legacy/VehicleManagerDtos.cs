using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arc.Portal.Api.Legacy;

/// <summary>The Vehicle Manager's answers for vehicles, fleets, models and firmware in the old field names (spec/backend.md Appendix B, §2.5).</summary>
public static class VehicleManagerDtos
{
    public sealed record VinItem([property: JsonPropertyName("vin")] string Vin);

    /// <summary>VehicleList.</summary>
    public sealed record VehicleList([property: JsonPropertyName("vehicles")] IReadOnlyList<VinItem> Vehicles);

    public sealed record Part(
        [property: JsonPropertyName("part_type")] string PartType,
        [property: JsonPropertyName("part_number")] string PartNumber,
        [property: JsonPropertyName("installed")] DateTimeOffset Installed);

    /// <summary>
    /// Vehicle (§2.5) as far as the portal holds it: the <c>registration</c> meta section is the one section the vehicle page
    /// keeps; <c>telemetry</c> and <c>managed_session</c> are not answered (docs/api-old-routes.md says where they went).
    /// </summary>
    public sealed record Vehicle(
        [property: JsonPropertyName("vin")] string Vin,
        [property: JsonPropertyName("allows_governor")] bool AllowsGovernor,
        [property: JsonPropertyName("model_release_id")] int? ModelReleaseId,
        [property: JsonPropertyName("groups")] IReadOnlyList<int> Groups,
        [property: JsonPropertyName("registration")] IReadOnlyDictionary<string, string> Registration,
        [property: JsonPropertyName("firmware_versions")] IReadOnlyDictionary<string, string> FirmwareVersions,
        [property: JsonPropertyName("parts")] IReadOnlyList<Part> Parts,
        [property: JsonPropertyName("model")] string? Model);

    /// <summary>Fleet (list).</summary>
    public sealed record FleetItem(
        [property: JsonPropertyName("id")] int Id,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("location_code")] string? LocationCode,
        [property: JsonPropertyName("code")] string? Code,
        [property: JsonPropertyName("description")] string? Description);

    public sealed record FleetLocation([property: JsonPropertyName("id")] int Id, [property: JsonPropertyName("location_name")] string? LocationName);

    /// <summary>Fleet (detail).</summary>
    public sealed record FleetDetail(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("code")] string? Code,
        [property: JsonPropertyName("description")] string? Description,
        [property: JsonPropertyName("vehicles")] IReadOnlyList<string> Vehicles,
        [property: JsonPropertyName("users")] IReadOnlyList<string> Users,
        [property: JsonPropertyName("type")] string? Type,
        [property: JsonPropertyName("location")] FleetLocation? Location);

    public sealed record Model(
        [property: JsonPropertyName("id")] int Id,
        [property: JsonPropertyName("model_name")] string ModelName,
        [property: JsonPropertyName("letter_code")] string LetterCode,
        [property: JsonPropertyName("description")] string? Description,
        [property: JsonPropertyName("created")] DateTimeOffset Created);

    public sealed record ModelList([property: JsonPropertyName("models")] IReadOnlyList<Model> Models);

    public sealed record ReleasePart([property: JsonPropertyName("part_type")] string PartType, [property: JsonPropertyName("part_number")] string PartNumber);

    public sealed record ModelRelease(
        [property: JsonPropertyName("model_release_id")] int ModelReleaseId,
        [property: JsonPropertyName("model_release_description")] string Description,
        [property: JsonPropertyName("created")] DateTimeOffset Created,
        [property: JsonPropertyName("model_name")] string? ModelName,
        [property: JsonPropertyName("parts")] IReadOnlyList<ReleasePart> Parts);

    public sealed record ModelReleaseList([property: JsonPropertyName("model_releases")] IReadOnlyList<ModelRelease> ModelReleases);

    /// <summary>FirmwareComponent; the portal keeps no creation time for a host, so <c>created</c> is null.</summary>
    public sealed record FirmwareComponent(
        [property: JsonPropertyName("part_type")] string PartType,
        [property: JsonPropertyName("firmware_component")] string Component,
        [property: JsonPropertyName("created")] DateTimeOffset? Created);

    public sealed record FirmwareComponentList([property: JsonPropertyName("firmware_components")] IReadOnlyList<FirmwareComponent> Components);

    /// <summary>FirmwareVersions of the current release.</summary>
    public sealed record FirmwareRelease([property: JsonPropertyName("firmware")] IReadOnlyDictionary<string, string> Firmware);

    /// <summary>The old <c>POST /vm/v1/vehicles/{vin}/configuration</c> body; only the governor key was ever stored.</summary>
    public sealed record ConfigurationBody([property: JsonPropertyName("configuration")] JsonElement? Configuration);

    public sealed record ConfigurationResult(
        [property: JsonPropertyName("vin")] string Vin,
        [property: JsonPropertyName("configuration")] IReadOnlyDictionary<string, long> Configuration);

    public sealed record GpsBody([property: JsonPropertyName("record_gps")] bool? RecordGps);

    /// <summary>The GPS setting: <c>{record_gps}</c> when read, with <c>vin</c> when set.</summary>
    public sealed record GpsSetting(
        [property: JsonPropertyName("vin"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Vin,
        [property: JsonPropertyName("record_gps")] bool RecordGps);

    public sealed record ShadowSynchronized([property: JsonPropertyName("vehicle_shadow_synchronized")] bool Synchronized);

    public sealed record GroupMembership([property: JsonPropertyName("group_id")] int GroupId, [property: JsonPropertyName("vin")] string Vin);

    public sealed record NewGroup([property: JsonPropertyName("group")] string? Group);

    public sealed record GroupId([property: JsonPropertyName("group_id")] int Id);

    public sealed record GroupUser([property: JsonPropertyName("vehicle_group_id")] int GroupId, [property: JsonPropertyName("username")] string Username);

    /// <summary>The old <c>POST /vm/v1/vehicles/{vin}/token</c> body.</summary>
    public sealed record TokenBody([property: JsonPropertyName("authority_id")] int? AuthorityId, [property: JsonPropertyName("token")] JsonElement? Token);

    /// <summary>SignedToken.</summary>
    public sealed record SignedVehicleToken([property: JsonPropertyName("token")] string Token);

    /// <summary>The old part bodies: <c>{part_type, part_number}</c>; installing on a vehicle may leave the number out.</summary>
    public sealed record PartBody([property: JsonPropertyName("part_type")] string? PartType, [property: JsonPropertyName("part_number")] string? PartNumber);

    public sealed record VehicleRelease([property: JsonPropertyName("vin")] string Vin, [property: JsonPropertyName("model_release_id")] int ModelReleaseId);

    /// <summary>Note.</summary>
    public sealed record NoteItem(
        [property: JsonPropertyName("note_id")] int NoteId,
        [property: JsonPropertyName("created")] DateTimeOffset Created,
        [property: JsonPropertyName("author")] string Author,
        [property: JsonPropertyName("content")] string Content,
        [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags);

    public sealed record NoteBody([property: JsonPropertyName("content")] string? Content, [property: JsonPropertyName("tags")] IReadOnlyList<string>? Tags);

    public sealed record NoteId([property: JsonPropertyName("note_id")] int Id);
}
