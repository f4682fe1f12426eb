using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Intake;
using Arc.Domain.Recalls;

namespace Arc.Portal.Tests.Domain;

/// <summary>
/// The rules of a remedy's firmware (decision 0049): what a remedy may name, and which firmware reports complete which
/// entries (component, version, remedy type, status), so a report sent again changes nothing.
/// </summary>
public sealed class RemedyFirmwareRulesTests
{
    private const string Fix = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
    private static readonly RemedyFirmware Comm = new("Comm Firmware", Fix);
    private static readonly DateTimeOffset Reported = new(2026, 12, 3, 10, 2, 0, TimeSpan.Zero);

    private static Dictionary<string, string> Report(params (string Component, string Hash)[] firmware) =>
        firmware.ToDictionary(f => f.Component, f => f.Hash, StringComparer.Ordinal);

    [Theory]
    [InlineData(RemedyType.OverTheAir, true)]
    [InlineData(RemedyType.Both, true)]
    [InlineData(RemedyType.DealerRepair, false)]
    public void Only_a_remedy_sent_over_the_air_is_completed_by_a_report(RemedyType type, bool completes) =>
        Assert.Equal(completes, RemedyFirmwareRules.Completes(RecallVehicleStatus.Open, type, Comm, Report(("Comm Firmware", Fix))));

    [Theory]
    [InlineData(RecallVehicleStatus.Open, true)]
    [InlineData(RecallVehicleStatus.Remedied, false)]
    [InlineData(RecallVehicleStatus.Inspected, false)]
    [InlineData(RecallVehicleStatus.Unreachable, false)]
    public void Only_an_open_entry_is_completed_so_a_report_sent_again_changes_nothing(RecallVehicleStatus status, bool completes) =>
        Assert.Equal(completes, RemedyFirmwareRules.Completes(status, RemedyType.OverTheAir, Comm, Report(("Comm Firmware", Fix))));

    [Fact]
    public void The_exact_version_of_the_named_component_completes_case_ignored()
    {
        Assert.Equal("Comm Firmware", RemedyFirmwareRules.Match(RemedyType.OverTheAir, Comm, Report(("Comm Firmware", Fix.ToUpperInvariant()))));
        Assert.Null(RemedyFirmwareRules.Match(RemedyType.OverTheAir, Comm, Report(("Comm Firmware", "0000000aaaaaaa"))));
        Assert.Null(RemedyFirmwareRules.Match(RemedyType.OverTheAir, Comm, Report(("Comm Firmware", Fix[..7]))));
        Assert.Null(RemedyFirmwareRules.Match(RemedyType.OverTheAir, Comm, Report(("Display Firmware", Fix))));
        Assert.Null(RemedyFirmwareRules.Match(RemedyType.OverTheAir, Comm, Report()));
        Assert.Null(RemedyFirmwareRules.Match(RemedyType.OverTheAir, null, Report(("Comm Firmware", Fix))));
    }

    [Fact]
    public void A_part_variant_is_matched_under_the_general_name_the_vehicle_reports()
    {
        var discoboard = new RemedyFirmware("004280 Comm Firmware", Fix);
        var kers = new RemedyFirmware("001412 Inverter Profile Left", Fix);
        Assert.Equal("Comm Firmware", RemedyFirmwareRules.Match(RemedyType.Both, discoboard, Report(("Comm Firmware", Fix))));
        Assert.Equal("004280 Comm Firmware", RemedyFirmwareRules.Match(RemedyType.Both, discoboard, Report(("004280 Comm Firmware", Fix))));
        Assert.Equal("Inverter Profile - Left", RemedyFirmwareRules.Match(RemedyType.Both, kers, Report(("Inverter Profile - Left", Fix))));
        // The general component never stands for a variant: "Comm Firmware" is not the Discoboard's release.
        Assert.Null(RemedyFirmwareRules.Match(RemedyType.Both, Comm, Report(("004280 Comm Firmware", Fix))));
    }

    [Fact]
    public void Completing_keeps_the_evidence_and_dates_the_remedy_on_the_day_reported()
    {
        var entry = new RecallVehicle { Vin = "DEV-X", AddedBy = "someone" };
        var evidence = new OverTheAirEvidence("Comm Firmware", Fix, Reported, FirmwareReportSource.Shadow);

        RemedyFirmwareRules.Complete(entry, evidence, Reported.AddMinutes(1));

        Assert.Equal((RecallVehicleStatus.Remedied, new DateOnly(2026, 12, 3)), (entry.Status, entry.ServiceDate));
        Assert.Equal(evidence, RemedyFirmwareRules.EvidenceOf(entry));
        Assert.Equal("Over the air: Comm Firmware 1a2b3c4", entry.ServiceReference);
        Assert.Equal("Remedied over the air: Comm Firmware 1a2b3c4, reported 2026-12-03 10:02 UTC (shadow)", evidence.Describe());
    }

    [Fact]
    public void Reopening_by_hand_drops_the_evidence_and_editing_a_remedied_entry_keeps_it()
    {
        var entry = new RecallVehicle { Vin = "DEV-X", AddedBy = "someone" };
        RemedyFirmwareRules.Complete(entry, new OverTheAirEvidence("Comm Firmware", Fix, Reported, FirmwareReportSource.CheckIn), Reported);
        var today = new DateOnly(2026, 12, 3);

        RecallVehicleRules.Apply(new RecallVehicleDraft(RecallVehicleStatus.Remedied, today, "WO-1"), entry, today);
        Assert.NotNull(RemedyFirmwareRules.EvidenceOf(entry));
        RecallVehicleRules.Apply(new RecallVehicleDraft(RecallVehicleStatus.Open), entry, today);
        Assert.Equal((null, null, null, null), (entry.OtaComponent, entry.OtaHash, entry.OtaReportedAt, entry.OtaSource));
    }

    [Theory]
    [InlineData(RemedyType.DealerRepair, "Comm Firmware", Fix, "firmwareComponent", "dealer repair")]
    [InlineData(RemedyType.OverTheAir, "", Fix, "firmwareComponent", "Choose the firmware component")]
    [InlineData(RemedyType.OverTheAir, "Comm Firmware", " ", "firmwareHash", "Choose the release")]
    [InlineData(RemedyType.OverTheAir, "Comm Firmware", "abc12", "firmwareHash", "7 to 64 hexadecimal")]
    [InlineData(RemedyType.OverTheAir, "Comm Firmware", "zzzzzzzz", "firmwareHash", "hexadecimal")]
    [InlineData(RemedyType.Both, "Comm Firmware", "'; DROP TABLE x; --", "firmwareHash", "hexadecimal")]
    [InlineData(RemedyType.Both, "Comm\u202EFirmware", Fix, "firmwareComponent", "control characters")]
    public void Malformed_or_misplaced_remedy_firmware_is_refused_on_its_field(RemedyType type, string component, string hash, string field, string message)
    {
        var e = Assert.Throws<ValidationFailedException>(() => RemedyFirmwareRules.Normalise(type, new RemedyFirmware(component, hash)));
        Assert.True(e.Errors.ContainsKey(field), string.Join(", ", e.Errors.Keys));
        Assert.Contains(message, e.Errors[field][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Remedy_firmware_is_trimmed_the_hash_lower_cased_and_none_given_is_none()
    {
        Assert.Equal(new RemedyFirmware("Comm Firmware", Fix), RemedyFirmwareRules.Normalise(RemedyType.OverTheAir, new(" Comm Firmware ", Fix.ToUpperInvariant())));
        Assert.Null(RemedyFirmwareRules.Normalise(RemedyType.DealerRepair, new RemedyFirmware(" ", "")));
        Assert.Null(RemedyFirmwareRules.Normalise(RemedyType.OverTheAir, null));
        Assert.Throws<ValidationFailedException>(() => RemedyFirmwareRules.Normalise(RemedyType.OverTheAir, new(new string('C', 51), Fix)));
    }

    [Fact]
    public void A_check_in_reports_firmware_from_a_shadow_document_or_a_registration_and_its_own_time_unless_ahead()
    {
        var received = Reported.AddMinutes(10);
        var shadow = new JsonObject
        {
            ["current"] = new JsonObject { ["state"] = new JsonObject { ["reported"] = new JsonObject { ["firmware"] = new JsonObject { ["Comm Firmware"] = Fix, ["IO Firmware - Front"] = "abcdef0" } } } },
            ["timestamp"] = Reported.ToUnixTimeSeconds(),
        };
        var report = RecordOverTheAirRemedies.ReportOf(new DecodedMessage(IntakeTopicKind.ShadowDocuments, "DEV-X", [], shadow), received)!;
        Assert.Equal((FirmwareReportSource.Shadow, Reported, Fix), (report.Source, report.ReportedAt, report.Firmware["Comm Firmware"]));
        Assert.Equal("abcdef0", report.Firmware["IO Front Profile"]);

        var registration = new JsonObject { ["vin"] = "DEV-X", ["data"] = new JsonObject { ["board"] = 1105, ["firmware"] = new JsonObject { ["Comm Firmware"] = Fix } } };
        var checkIn = RecordOverTheAirRemedies.ReportOf(new DecodedMessage(IntakeTopicKind.Registration, "DEV-X", [], registration), received)!;
        Assert.Equal((FirmwareReportSource.CheckIn, received), (checkIn.Source, checkIn.ReportedAt));

        var none = JsonNode.Parse("""{"current":{"state":{"reported":{"record_gps":true}}}}""")!.AsObject();
        Assert.Null(RecordOverTheAirRemedies.ReportOf(new DecodedMessage(IntakeTopicKind.ShadowDocuments, "DEV-X", [], none), received));

        Assert.Equal(received, RecordOverTheAirRemedies.ReportedAt(new JsonObject { ["timestamp"] = received.AddHours(1).ToUnixTimeSeconds() }, received));
        Assert.Equal(received, RecordOverTheAirRemedies.ReportedAt(new JsonObject { ["timestamp"] = "yesterday" }, received));
        Assert.Equal(received, RecordOverTheAirRemedies.ReportedAt(new JsonObject { ["timestamp"] = -5 }, received));
    }
}
