using System.Text;
using Arc.Domain.Common;
using Arc.Domain.Firmware;

namespace Arc.Portal.Tests.Domain;

/// <summary>The release manifest: what is accepted, and every problem listed at once for what is not.</summary>
public sealed class FirmwareManifestTests
{
    private static readonly IReadOnlySet<string> Known = FirmwareCatalogue.DefaultHosts.Select(h => h.Component).Append(FirmwareCatalogue.DeployedFirmware).ToHashSet();

    internal static string Entry(string name, string hash, string date = "2021-10-07T17:23:11+00:00", string file = "x.dfu") =>
        $$"""{"hash": "{{hash}}", "author": "Build Bot <build@arc.test>", "date": "{{date}}", "message": "Release\nnotes", "filename": "{{file}}", "name": "{{name}}"}""";

    private static IReadOnlyList<ManifestEntry> Parse(string json) => FirmwareManifest.Parse(Encoding.UTF8.GetBytes(json), Known);

    private static string[] Problems(string json) => Assert.Throws<ValidationFailedException>(() => Parse(json)).Errors[FirmwareManifest.Field];

    [Fact]
    public void A_pipeline_manifest_is_read_with_the_repository_commit_and_io_firmware_under_its_profile_name()
    {
        var entries = Parse($$$"""
            {"firmware": {
              "Repository": {"hash": "ABCDEF1234567", "author": "a", "date": "2021-10-07T17:00:00Z", "message": "Deploy", "name": "Deployed Firmware"},
              "Comm Firmware.dfu": {{{Entry("Comm Firmware", "1111111aaaa")}}},
              "Front IO Firmware.s19": {{{Entry("IO Firmware - Front", "2222222")}}},
              "Charger Firmware.BIN": {{{Entry("Charger Firmware", "3333333")}}}
            }}
            """);
        Assert.Equal(["Deployed Firmware", "Comm Firmware", "IO Front Profile"], entries.Select(e => e.Component));
        Assert.Equal("abcdef1234567", entries[0].Hash);
        Assert.Equal(new DateTimeOffset(2021, 10, 7, 17, 23, 11, TimeSpan.Zero), entries[1].Committed);
        Assert.Equal("Release\nnotes", entries[1].Message);
    }

    [Fact]
    public void An_entry_without_a_name_is_named_after_its_file()
    {
        var entry = Assert.Single(Parse("""{"firmware": {"VCU Firmware.srec": {"hash": "abcdef0", "date": "2022-01-01T00:00:00Z"}}}"""));
        Assert.Equal("VCU Firmware", entry.Component);
    }

    [Theory]
    [InlineData("{\"firmware\": {", "not valid JSON (line 1")]
    [InlineData("[1, 2]", "needs a \"firmware\" object")]
    [InlineData("{\"firmware\": \"x\"}", "needs a \"firmware\" object")]
    [InlineData("{\"firmware\": {}}", "lists no firmware component")]
    public void A_malformed_manifest_is_refused_with_a_clear_message(string json, string expected)
    {
        var e = Assert.Throws<ValidationFailedException>(() => Parse(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_every_entry_is_listed()
    {
        var problems = Problems($$$"""
            {"firmware": {
              "a": {{{Entry("Warp Core Firmware", "abcdef0")}}},
              "b": {{{Entry("VCU Firmware", "not-a-hash")}}},
              "c": {{{Entry("LV Firmware", "abcdef0", date: "yesterday")}}},
              "d": {{{Entry("Comm Firmware", "abcdef0")}}},
              "e": {{{Entry("Comm Firmware", "abcdef1")}}},
              "f": 42
            }}
            """);
        Assert.Equal(5, problems.Length);
        Assert.Contains(problems, p => p.Contains("\"Warp Core Firmware\" is not a known firmware component", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("\"b\": the hash", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("\"c\": the date", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("listed twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("\"f\": each entry is an object", StringComparison.Ordinal));
    }

    [Fact]
    public void Hostile_strings_are_refused_and_quoted_harmlessly()
    {
        var longName = new string('x', 500);
        var problems = Problems($$$"""
            {"firmware": {
              "<img src=x onerror=alert(1)>\u202E": {{{Entry("VCU\u200BFirmware", "abcdef0")}}},
              "{{{longName}}}": {"hash": "abcdef0", "date": "2021-01-01T00:00:00Z", "author": "{{{new string('a', 300)}}}", "name": "VCU Firmware"},
              "m": {"hash": "abcdef0", "date": "2021-01-01T00:00:00Z", "message": "bad\u0007bell", "name": "LV Firmware"},
              "n": {"hash": ["abcdef0"], "date": "2021-01-01T00:00:00Z", "name": "BMS Firmware"}
            }}
            """);
        Assert.Contains(problems, p => p.Contains("invisible characters", StringComparison.Ordinal) && p.Contains('\uFFFD'));
        Assert.Contains(problems, p => p.Contains("the author is longer", StringComparison.Ordinal) && p.Length < 200);
        Assert.Contains(problems, p => p.StartsWith("\"m\": the message", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\"hash\" must be text", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains('\u202E'));
    }

    [Fact]
    public void An_oversized_or_empty_file_is_refused_before_it_is_read()
    {
        var big = new byte[FirmwareManifest.MaxBytes + 1];
        Assert.Contains("at most 256 KB", Assert.Throws<ValidationFailedException>(() => FirmwareManifest.Parse(big, Known)).Message, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Throws<ValidationFailedException>(() => FirmwareManifest.Parse([], Known)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_json_is_refused_as_malformed() =>
        Assert.Contains("not valid JSON", Assert.Throws<ValidationFailedException>(() => Parse("{\"firmware\": " + new string('[', 50) + new string(']', 50) + "}")).Message,
            StringComparison.Ordinal);
}
