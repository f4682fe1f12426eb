using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Firmware;

namespace Arc.Domain.Recalls;

/// <summary>The firmware that fixes a recall's defect: a component and one of its recorded releases (a hash).</summary>
public sealed record RemedyFirmware(string Component, string Hash)
{
    /// <summary>How a page names it: the component and the first seven characters of the hash.</summary>
    public override string ToString() => $"{Component} {RemedyFirmwareRules.Abbreviated(Hash)}";
}

/// <summary>Which path brought a vehicle's firmware report.</summary>
public enum FirmwareReportSource
{
    /// <summary>A shadow update document: the vehicle's reported state (<c>reported.firmware</c>).</summary>
    Shadow = 0,
    /// <summary>A registration check-in whose data carries a <c>firmware</c> object.</summary>
    CheckIn = 1,
}

/// <summary>What a vehicle reported that remedied it over the air, kept on its entry.</summary>
public sealed record OverTheAirEvidence(string Component, string Hash, DateTimeOffset ReportedAt, FirmwareReportSource Source)
{
    public string SourceLabel => Source == FirmwareReportSource.CheckIn ? "check-in" : "shadow";

    /// <summary>"Remedied over the air: Comm Firmware 1a2b3c4, reported 2026-12-03 10:02 UTC (shadow)".</summary>
    public string Describe() =>
        $"Remedied over the air: {Component} {RemedyFirmwareRules.Abbreviated(Hash)}, reported {ReportedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC ({SourceLabel})";
}

/// <summary>
/// The rules of a remedy's firmware: which remedies may name one, what a valid one is, and whether a vehicle's report
/// of its firmware shows it runs the fix.
/// </summary>
public static class RemedyFirmwareRules
{
    public const int MaxComponentLength = 50;
    public const int MinHashLength = 7;
    public const int MaxHashLength = 64;

    /// <summary>Only a remedy sent over the air (alone or beside a dealer repair) can be completed by a firmware report.</summary>
    public static bool IsOverTheAir(RemedyType type) => type is RemedyType.OverTheAir or RemedyType.Both;

    public static string Abbreviated(string hash) => hash.Length > MinHashLength ? hash[..MinHashLength] : hash;

    /// <summary>
    /// Checks the form of the firmware a remedy names and gives it back trimmed (the hash in lower case), or null when
    /// none is named. A dealer repair names none; a component without a version, or the reverse, is refused.
    /// </summary>
    public static RemedyFirmware? Normalise(RemedyType type, RemedyFirmware? firmware)
    {
        var component = (firmware?.Component ?? "").Trim();
        var hash = (firmware?.Hash ?? "").Trim().ToLowerInvariant();
        if (component.Length == 0 && hash.Length == 0)
            return null;
        if (!IsOverTheAir(type))
            throw new ValidationFailedException("firmwareComponent", "A dealer repair is not sent over the air, so it names no remedy firmware; clear the firmware or choose over the air.");
        if (component.Length == 0)
            throw new ValidationFailedException("firmwareComponent", "Choose the firmware component the remedy release belongs to.");
        if (hash.Length == 0)
            throw new ValidationFailedException("firmwareHash", $"Choose the release of {Clip(component)} that fixes the defect.");
        if (component.Length > MaxComponentLength || PlainText.HasHiddenCharacters(component))
            throw new ValidationFailedException("firmwareComponent", $"A firmware component is a name of at most {MaxComponentLength} characters without control characters.");
        if (hash.Length is < MinHashLength or > MaxHashLength || !hash.All(char.IsAsciiHexDigit))
            throw new ValidationFailedException("firmwareHash", $"A firmware version is its hash: {MinHashLength} to {MaxHashLength} hexadecimal characters.");
        return new RemedyFirmware(component, hash);
    }

    /// <summary>Normalises the firmware and checks the component is known and the version is a recorded release of it.</summary>
    public static async Task<RemedyFirmware?> CheckAsync(IArcData data, RemedyType type, RemedyFirmware? firmware, CancellationToken ct)
    {
        var chosen = Normalise(type, firmware);
        if (chosen is null)
            return null;
        var known = await data.FirstOrDefaultAsync(data.FirmwareComponents.Where(c => c.Component == chosen.Component).Select(c => c.Component), ct);
        if (known is null)
            throw new ValidationFailedException("firmwareComponent", $"'{Clip(chosen.Component)}' is not a firmware component of the catalogue.");
        var release = await data.FirstOrDefaultAsync(data.FirmwareReleases
            .Where(r => r.Component == chosen.Component && r.Hash.ToLower() == chosen.Hash).Select(r => r.Hash), ct);
        if (release is null)
            throw new ValidationFailedException("firmwareHash", $"{chosen.Hash} is not a recorded release of {chosen.Component}; record the release first, then choose it.");
        return chosen with { Hash = release };
    }

    /// <summary>
    /// The general component a part-specific variant stands in for ("004280 Comm Firmware" is reported as "Comm Firmware",
    /// "001412 Inverter Profile Left" as "Inverter Profile - Left"); any other name is its own.
    /// </summary>
    public static string General(string component)
    {
        if (!FirmwareCatalogue.IsVariant(component))
            return component;
        var rest = component[7..];
        return rest == "Inverter Profile Left" ? FirmwareCatalogue.InverterProfileLeft : rest;
    }

    /// <summary>
    /// The component under which the vehicle reports the remedy's exact version, or null when it does not run it. A
    /// vehicle reports general names (and may report the variant's own); a version is its hash, case ignored. Only an
    /// over-the-air remedy that names its firmware is ever matched.
    /// </summary>
    public static string? Match(RemedyType type, RemedyFirmware? remedy, IReadOnlyDictionary<string, string> reported)
    {
        if (!IsOverTheAir(type) || remedy is null)
            return null;
        foreach (var name in new[] { remedy.Component, General(remedy.Component) }.Distinct(StringComparer.Ordinal))
            if (reported.TryGetValue(name, out var hash) && string.Equals(hash.Trim(), remedy.Hash, StringComparison.OrdinalIgnoreCase))
                return name;
        return null;
    }

    /// <summary>
    /// Whether a vehicle's entry becomes remedied by this report: only an open entry does. Remedied, inspected and
    /// unreachable entries are left as people recorded them, so a report sent again changes nothing.
    /// </summary>
    public static bool Completes(RecallVehicleStatus status, RemedyType type, RemedyFirmware? remedy, IReadOnlyDictionary<string, string> reported) =>
        status == RecallVehicleStatus.Open && Match(type, remedy, reported) is not null;

    /// <summary>Marks an open entry remedied on the day of the report, keeping what was reported as the evidence.</summary>
    public static void Complete(RecallVehicle entry, OverTheAirEvidence evidence, DateTimeOffset now)
    {
        entry.Status = RecallVehicleStatus.Remedied;
        entry.ServiceDate = DateOnly.FromDateTime(evidence.ReportedAt.UtcDateTime);
        entry.ServiceReference = $"Over the air: {evidence.Component} {Abbreviated(evidence.Hash)}";
        entry.UnreachableReason = null;
        entry.ReasonNote = null;
        entry.OtaComponent = evidence.Component;
        entry.OtaHash = evidence.Hash;
        entry.OtaReportedAt = evidence.ReportedAt;
        entry.OtaSource = evidence.Source;
        entry.ChangedAt = now;
        entry.ChangedBy = Audit.AuditTrail.SystemActor;
    }

    public static OverTheAirEvidence? EvidenceOf(RecallVehicle entry) =>
        entry is { OtaComponent: { } c, OtaHash: { } h, OtaReportedAt: { } at, OtaSource: { } source } ? new OverTheAirEvidence(c, h, at, source) : null;

    private static string Clip(string text) => text.Length > 50 ? text[..50] + "…" : text;
}
