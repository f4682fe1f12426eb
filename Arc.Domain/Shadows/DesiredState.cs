using System.Globalization;
using System.Text.Json.Nodes;
using Arc.Domain.Audit;
using Arc.Domain.Common;

namespace Arc.Domain.Shadows;

/// <summary>
/// The desired shadow document, the cloud-to-vehicle configuration contract of spec/backend.md §4.7, with its defects
/// fixed (§11 #6, #7): record_gps is a real boolean whatever case it was stored in, the telemetry version is the
/// defaulted value rather than null, and numeric configuration keeps its type (integers stay integers).
/// </summary>
public static class DesiredState
{
    /// <summary>"metrics 405", the definitions version a vehicle uses until it announces another.</summary>
    public const string DefaultTelemetryVersion = "AsjutNU2.QbEvkFL0K9PHM6ssR4VLjwu";
    public const string GovernorKey = "option_governor_max_speed";

    public static async Task<JsonObject> BuildAsync(IArcData data, ManagedSessions.ManagedPinStore pins, string vin, CancellationToken ct = default)
    {
        var trustedKeys = await data.ListAsync(
            data.Authorities.Where(a => data.VehicleAuthorities.Any(va => va.AuthorityId == a.Id && va.Vin == vin))
                .OrderBy(a => a.Id).Select(a => a.PublicKey), ct);
        var meta = await data.ListAsync(
            data.VehicleMeta.Where(m => m.Vin == vin && (m.Section == "telemetry_settings" || m.Section == "privacy" || m.Section == "configuration")), ct);
        var points = await data.ListAsync(data.TelemetryPoints.Where(p => p.Vin == vin).OrderBy(p => p.Point).Select(p => p.Point), ct);

        var version = meta.FirstOrDefault(m => m.Section == "telemetry_settings" && m.Key == "version")?.Value;
        var recordGps = meta.FirstOrDefault(m => m.Section == "privacy" && m.Key == "record_gps")?.Value;
        var desired = new JsonObject
        {
            ["trusted_keys"] = new JsonArray(trustedKeys.Select(k => (JsonNode)JsonValue.Create(Convert.ToBase64String(k))).ToArray()),
            ["telemetry_version"] = string.IsNullOrEmpty(version) ? DefaultTelemetryVersion : version,
            ["telemetry_points"] = new JsonArray(points.Select(p => (JsonNode)JsonValue.Create(p)).ToArray()),
            ["frequency_overrides"] = null,
            ["record_gps"] = string.Equals(recordGps, "true", StringComparison.OrdinalIgnoreCase),
        };
        // A vehicle in managed-session mode learns the PIN of its active session, or "" when none is active.
        if (await data.AnyAsync(data.ManagedSessionVehicles.Where(m => m.Vin == vin), ct))
        {
            desired["managed_pin"] = await pins.ActivePinAsync(data, vin, ct);
        }
        // The speed governor reaches only a vehicle whose recorded Comm firmware understands it (§2.5 allows_governor); for
        // any other it stays in the metadata and goes out with the first update after its firmware is recorded as new enough.
        var governor = meta.FirstOrDefault(m => m.Section == "configuration" && m.Key == GovernorKey);
        if (governor is not null && await AllowsGovernorAsync(data, vin, ct))
            desired[GovernorKey] = Typed(governor.Value);
        // The firmware target of the over-the-air campaign the vehicle was sent and has not finished (decision 0052).
        if (await Rollouts.CampaignTargetState.BuildAsync(data, vin, ct) is { } target)
            desired[Rollouts.CampaignProgressRules.TargetKey] = target;
        // A configuration key never takes the place of a key computed above (a second line behind SetVehicleMetadata).
        foreach (var setting in meta.Where(m => m.Section == "configuration" && m.Key != GovernorKey && !Vehicles.VehicleMetadataRules.IsReservedDesiredKey(m.Key))
                     .OrderBy(m => m.Key))
            desired[setting.Key] = Typed(setting.Value);
        return desired;
    }

    /// <summary>Whether the Comm firmware recorded on the vehicle is a build that understands the speed governor.</summary>
    public static async Task<bool> AllowsGovernorAsync(IArcData data, string vin, CancellationToken ct = default)
    {
        var comm = Firmware.GovernorRule.CommComponents.ToList();
        var hashes = await data.ListAsync(data.VehicleFirmware.Where(f => f.Vin == vin && comm.Contains(f.Component) && f.FirmwareReleaseId != null)
            .Select(f => f.Release!.Hash), ct);
        if (hashes.Count == 0)
            return false;
        var history = await data.ListAsync(data.FirmwareVersions.Where(v => comm.Contains(v.Component) && hashes.Contains(v.Hash)), ct);
        return hashes.Any(hash => Firmware.GovernorRule.AllowsGovernor(hash, history));
    }

    private static JsonNode? Typed(string value)
    {
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
            return whole;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            return number;
        return value;
    }
}

/// <summary>Writes a vehicle's desired state to its shadow; called after every change that affects it.</summary>
public sealed class ShadowPublisher(IDeviceShadows shadows, ManagedSessions.ManagedPinStore pins)
{
    /// <summary>Publishes now; a failing shadow service becomes a <see cref="ServiceUnavailableException"/> with a clear message.</summary>
    public async Task<ShadowDocument> PublishAsync(IArcData data, string vin, CancellationToken ct = default)
    {
        var desired = await DesiredState.BuildAsync(data, pins, vin, ct);
        // A shadow update merges: a campaign's firmware target leaves the shadow only when the update names it as null.
        if (!desired.ContainsKey(Rollouts.CampaignProgressRules.TargetKey))
            desired[Rollouts.CampaignProgressRules.TargetKey] = null;
        try
        {
            return await shadows.UpdateAsync(vin, new ShadowUpdate(desired, null), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException and not DomainException)
        {
            throw new ServiceUnavailableException($"The shadow of {vin} could not be updated: the shadow service did not answer. Try again once it does.", e);
        }
    }
}
