using System.Text.Json.Nodes;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Notes;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Intake;

/// <summary>
/// The first check-in of a manufactured vehicle (<c>register_vehicle</c>, spec/backend.md §1.21): everything it reports
/// is kept in its metadata (plain keys under <c>registration</c>, <c>section:key</c> under that section), the parts
/// of its model release are recorded as installed with the current firmware release of each component, and the Discoboard check compares the board it reports with the
/// release's Comm part. Notes and an audit event say what happened. A later registration updates the metadata only.
/// </summary>
public sealed class RegisterVehicle(IArcDataFactory dataFactory, AuditTrail audit, TimeProvider time)
{
    public const string Section = "registration";
    public const string DiscoboardNumber = "1105";
    public const string DiscoboardCommPart = "004280";
    public const string FirmwareKey = "firmware";

    public async Task HandleAsync(DecodedMessage message, CancellationToken ct)
    {
        if (message.Document?["data"] is not JsonObject reported || reported.Count == 0)
            throw new IntakeDecoder.RefusedException("A registration needs a data object with what the vehicle reports.", message.Vin);
        var entries = Entries(reported, message.Vin);
        var now = time.GetUtcNow();
        await using var data = dataFactory.Open();
        var vehicle = await data.FirstOrDefaultAsync(data.Vehicles.Where(v => v.Vin == message.Vin), ct)
            ?? throw new IntakeDecoder.RefusedException($"{message.Vin} is not a provisioned vehicle here.", message.Vin);
        var existing = await data.ListAsync(data.VehicleMeta.Where(m => m.Vin == message.Vin), ct);
        var firstTime = !existing.Any(m => m.Section == Section);
        foreach (var (section, key, value) in entries)
        {
            var row = existing.FirstOrDefault(m => m.Section == section && m.Key == key);
            if (row is null)
                data.Add(new VehicleMeta { Vin = message.Vin, Section = section, Key = key, Value = value });
            else
                row.Value = value;
        }
        var notes = new List<string>();
        if (firstTime && vehicle.ModelReleaseId is { } releaseId)
        {
            var parts = await data.ListAsync(data.ModelParts.Where(p => p.ModelReleaseId == releaseId), ct);
            var installed = (await data.ListAsync(data.PartsInstalled.Where(p => p.Vin == message.Vin), ct)).Select(p => p.PartType).ToHashSet();
            foreach (var part in parts.Where(p => !installed.Contains(p.PartType)))
                data.Add(new Models.VehiclePartInstalled { Vin = message.Vin, PartType = part.PartType, PartNumber = part.PartNumber, Installed = now });
            notes.Add("Initial Parts Set");
            // The vehicle left the factory with the current release of each component its parts call for, as the old
            // registration recorded it (firmware_version_vin_set); a component without a recorded release is left out.
            var (firmware, catalogue) = await Firmware.MarkVehicleFirmwareCurrent.EvaluateAsync(data, message.Vin, ct);
            var unrecorded = firmware.Components.Where(c => c.CurrentHash is not null && c.RecordedHash is null && !c.RecordedInvalid).ToList();
            foreach (var component in unrecorded)
                await Firmware.MarkVehicleFirmwareCurrent.RecordAsync(data, message.Vin, component, catalogue, now, ct);
            if (unrecorded.Count > 0)
                notes.Add("Initial Firmware Versions Set");
            var board = reported["board"]?.ToString();
            var hasDiscoboardPart = parts.Any(p => p.PartNumber == DiscoboardCommPart);
            if (board is not null && (board == DiscoboardNumber) != hasDiscoboardPart)
                notes.Add($"Registration check failed: the vehicle reports board {board}, but its model release {(hasDiscoboardPart ? "has" : "does not have")} the Discoboard Comm part {DiscoboardCommPart}.");
        }
        notes.Add(firstTime ? "Vehicle registered" : "Vehicle registration updated");
        foreach (var content in notes)
            data.Add(new Note { ObjectType = NoteObjectTypes.Vehicle, ObjectId = message.Vin, Created = now, Author = SystemAuthor.Name, Content = content, System = true });
        audit.Record(data, AuditTrail.SystemActor, AuditActions.VehicleRegistered, AuditEntityTypes.Vehicle, message.Vin,
            new { keys = entries.Select(e => $"{e.Section}:{e.Key}").ToList(), firstTime });
        await data.SaveChangesAsync(ct);
    }

    private static List<(string Section, string Key, string Value)> Entries(JsonObject reported, string vin)
    {
        var entries = new List<(string, string, string)>();
        foreach (var (name, value) in reported)
        {
            // A firmware object is the vehicle's report of what it runs, read by the over-the-air remedies (decision 0049),
            // not metadata; a whole vehicle's list of hashes would not fit a metadata value either.
            if (name == FirmwareKey && value is JsonObject)
                continue;
            var split = name.Split(':', 2);
            var (section, key) = split.Length == 2 ? (split[0].Trim(), split[1].Trim()) : (Section, name.Trim());
            var text = value switch { null => "", JsonValue v when v.TryGetValue<string>(out var s) => s, _ => value.ToJsonString() };
            if (section.Length == 0 || key.Length == 0 || section.Length > VehicleMetadataRules.MaxNameLength || key.Length > VehicleMetadataRules.MaxNameLength
                || PlainText.HasHiddenCharacters(section) || PlainText.HasHiddenCharacters(key))
                throw new IntakeDecoder.RefusedException($"'{Clip(name)}' is not a usable metadata name.", vin);
            if (VehicleMetadataRules.ReservedSections.Contains(section))
                throw new IntakeDecoder.RefusedException($"A registration cannot write the reserved section '{section}'.", vin);
            if (text.Length > VehicleMetadataRules.MaxValueLength || PlainText.HasHiddenCharacters(text))
                throw new IntakeDecoder.RefusedException($"The value of '{Clip(name)}' is too long or holds invisible formatting.", vin);
            entries.Add((section, key, text));
        }
        return entries;
    }

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
