using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Shadows;

namespace Arc.Domain.Vehicles;

public sealed record VehicleMetadataChange(string Vin, string? Section, IReadOnlyDictionary<string, string?>? Data);

/// <summary>
/// What vehicle metadata may not say. Each key of the <c>configuration</c> section is copied into the vehicle's desired
/// state (spec/backend.md §4.7), so a configuration key named like a key the portal computes would overwrite it: the
/// trusted keys, the managed-session PIN, GPS recording, the telemetry set-up.
/// </summary>
public static class VehicleMetadataRules
{
    public const string ConfigurationSection = "configuration";
    public const int MaxNameLength = 100;
    public const int MaxValueLength = 1000;

    /// <summary>Sections that name other tables' data and are never written as metadata (spec/backend.md §2.6).</summary>
    public static IReadOnlySet<string> ReservedSections { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "vin", "groups", "telemetry" };

    /// <summary>The desired-state keys the portal computes; no configuration key may take their place.</summary>
    public static IReadOnlySet<string> ReservedDesiredKeys { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "trusted_keys", "managed_pin", "record_gps", "telemetry_version", "telemetry_points", "frequency_overrides", "firmware_target",
    };

    public static bool IsReservedDesiredKey(string key) => ReservedDesiredKeys.Contains(key.Trim());

    /// <summary>The sections the desired state is built from: writing one of them changes what the vehicle is sent.</summary>
    public static IReadOnlySet<string> DesiredStateSections { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ConfigurationSection, "privacy", "telemetry_settings",
    };
}

/// <summary>
/// Adds or replaces key-value metadata of a vehicle in one section (the old add_vehicle_metadata). Reserved sections are
/// refused, and so is a configuration key that would overwrite a key of the desired state the portal computes. A change
/// to a section the desired state is built from queues the vehicle's shadow update with the change.
/// </summary>
public sealed class SetVehicleMetadata(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment, AuditTrail audit,
    SideEffects.Outbox outbox) : IUseCase
{
    public async Task HandleAsync(VehicleMetadataChange change, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleWrite, ct);
        var vin = Vin.Parse(change.Vin, environment.Environment).Value;
        var section = (change.Section ?? "").Trim();
        if (section.Length == 0 || section.Length > VehicleMetadataRules.MaxNameLength || PlainText.HasHiddenCharacters(section))
            throw new ValidationFailedException("section", $"Name a section of at most {VehicleMetadataRules.MaxNameLength} characters.");
        if (VehicleMetadataRules.ReservedSections.Contains(section))
            throw new ValidationFailedException("section", $"'{section}' is a reserved section and cannot be written as metadata.");
        if (change.Data is not { Count: > 0 } data)
            throw new ValidationFailedException("data", "Give at least one key and value.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (rawKey, rawValue) in data)
        {
            var key = (rawKey ?? "").Trim();
            if (key.Length == 0 || key.Length > VehicleMetadataRules.MaxNameLength || PlainText.HasHiddenCharacters(key))
                throw new ValidationFailedException("data", $"A key has 1 to {VehicleMetadataRules.MaxNameLength} characters.");
            if (section == VehicleMetadataRules.ConfigurationSection && VehicleMetadataRules.IsReservedDesiredKey(key))
                throw new ValidationFailedException("data",
                    $"'{key}' is set by the portal itself in the vehicle's desired state; a configuration key cannot replace it.");
            // The governor has its own action, with its range and the firmware check; metadata must not go around them.
            if (section == VehicleMetadataRules.ConfigurationSection && key == Shadows.DesiredState.GovernorKey)
                throw new ValidationFailedException("data", "Set the speed governor with its own action on the vehicle page, which checks its range and the vehicle's firmware.");
            var value = rawValue ?? "";
            if (value.Length > VehicleMetadataRules.MaxValueLength)
                throw new ValidationFailedException("data", $"The value of '{key}' is longer than {VehicleMetadataRules.MaxValueLength} characters.");
            values[key] = value;
        }

        await using var store = dataFactory.Open();
        if (!await store.AnyAsync(store.Vehicles.Where(v => v.Vin == vin), ct))
            throw new NotFoundException("Vehicle", vin);
        var keys = values.Keys.ToList();
        var existing = await store.ListAsync(store.VehicleMeta.Where(m => m.Vin == vin && m.Section == section && keys.Contains(m.Key)), ct);
        foreach (var (key, value) in values)
        {
            if (existing.FirstOrDefault(m => m.Key == key) is { } row)
                row.Value = value;
            else
                store.Add(new VehicleMeta { Vin = vin, Section = section, Key = key, Value = value });
        }
        audit.Record(store, username, AuditActions.VehicleMetadataSet, AuditEntityTypes.Vehicle, vin, new { section, data = values });
        if (VehicleMetadataRules.DesiredStateSections.Contains(section))
            outbox.PublishShadow(store, vin, username);
        await store.SaveChangesAsync(ct);
    }
}
