using System.Text.Json;
using System.Text.Json.Serialization;

namespace Arc.Portal.Api.Legacy;

/// <summary>The Authority Manager's answers and request bodies in the old field names (spec/backend.md Appendix B).</summary>
public static class AuthorityManagerDtos
{
    /// <summary>Authority (list); <c>vins</c> only when <c>include_vin</c> was asked for.</summary>
    public sealed record AuthorityItem(
        [property: JsonPropertyName("id")] int Id,
        [property: JsonPropertyName("parent_id")] int ParentId,
        [property: JsonPropertyName("description")] string Description,
        [property: JsonPropertyName("vins"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Vins);

    public sealed record AuthorityChild([property: JsonPropertyName("id")] int Id, [property: JsonPropertyName("description")] string Description);

    /// <summary>Authority (detail): the parent's id (the root is its own parent), children and vehicles.</summary>
    public sealed record AuthorityDetail(
        [property: JsonPropertyName("parent")] int? Parent,
        [property: JsonPropertyName("description")] string Description,
        [property: JsonPropertyName("children")] IReadOnlyList<AuthorityChild> Children,
        [property: JsonPropertyName("vehicles")] IReadOnlyList<string> Vehicles);

    /// <summary>AuthorityVehicle (list).</summary>
    public sealed record AuthorityVehicle([property: JsonPropertyName("vin")] string Vin, [property: JsonPropertyName("authorities")] IReadOnlyList<int> Authorities);

    public sealed record FactoryPin([property: JsonPropertyName("factory_pin")] string? Value);

    /// <summary>AuthkeyVehicle: the authorities that control a vehicle and its factory PIN.</summary>
    public sealed record AuthkeyVehicle(
        [property: JsonPropertyName("authorities")] IReadOnlyList<AuthorityChild> Authorities,
        [property: JsonPropertyName("pin")] FactoryPin Pin);

    /// <summary>The provisioning options as the old body and answer name them.</summary>
    public sealed record Options(
        [property: JsonPropertyName("heated_seats")] bool HeatedSeats = false,
        [property: JsonPropertyName("heated_grips")] bool HeatedGrips = false,
        [property: JsonPropertyName("stereo_enabled")] bool StereoEnabled = false);

    /// <summary>
    /// The old <c>PUT /am/v1/vehicles/{vin}</c> body. The old gateway passed only these three fields on; a field it would
    /// have dropped is ignored here too, so an old client's body is taken as it was sent.
    /// </summary>
    public sealed record ProvisionBody(
        [property: JsonPropertyName("model_release_id")] int? ModelReleaseId,
        [property: JsonPropertyName("options")] Options? Options,
        [property: JsonPropertyName("managed_session_mode")] bool? ManagedSessionMode);

    /// <summary>ProvisionResult: what the old provisioning answered, certificate and private key included.</summary>
    public sealed record ProvisionResult(
        [property: JsonPropertyName("vin")] string Vin,
        [property: JsonPropertyName("id")] int Id,
        [property: JsonPropertyName("group_id")] int GroupId,
        [property: JsonPropertyName("options")] Options Options,
        [property: JsonPropertyName("managed_session_mode")] bool ManagedSessionMode,
        [property: JsonPropertyName("model_release_id")] int ModelReleaseId,
        [property: JsonPropertyName("certificate")] string? Certificate,
        [property: JsonPropertyName("private_key")] string? PrivateKey,
        [property: JsonPropertyName("telemetry_points")] IReadOnlyList<string> TelemetryPoints,
        [property: JsonPropertyName("pin")] string? Pin);

    /// <summary>The old <c>POST /am/v1/authorities</c> body; <c>parent_authority_id</c> may be a number, its text or empty.</summary>
    public sealed record NewAuthority(
        [property: JsonPropertyName("description")] string? Description,
        [property: JsonPropertyName("parent_authority_id")] JsonElement? ParentAuthorityId);

    public sealed record CreatedAuthority([property: JsonPropertyName("id")] int Id);

    /// <summary>The old delete's answer: the authority asked for and the VINs that lost a grant.</summary>
    public sealed record DeletedAuthority([property: JsonPropertyName("id")] int Id, [property: JsonPropertyName("vin")] IReadOnlyList<string> Vins);

    public sealed record AuthorityGrant([property: JsonPropertyName("id")] int Id, [property: JsonPropertyName("vin")] string Vin);
}
