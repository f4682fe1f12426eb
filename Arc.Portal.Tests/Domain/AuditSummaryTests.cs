using System.Text.Json;
using Arc.Domain.Audit;

namespace Arc.Portal.Tests.Domain;

/// <summary>Issue 13: an audit event's change reads as fields and values, never as escaped JSON.</summary>
public sealed class AuditSummaryTests
{
    [Fact]
    public void A_flat_object_becomes_fields_with_their_kinds_and_a_date_in_the_logs_format()
    {
        var summary = AuditSummary.Read("""{"preview":"Said \"stop\" <now>","length":12,"locked":false,"lockedUntil":"2026-12-02T03:04:05.678+01:00","parent":null}""");

        Assert.Equal(
        [
            new AuditField("preview", "Said \"stop\" <now>", AuditValueKind.Text),
            new AuditField("length", "12", AuditValueKind.Number),
            new AuditField("locked", "false", AuditValueKind.Boolean),
            new AuditField("lockedUntil", "2026-12-02 02:04:05 UTC", AuditValueKind.Date),
            new AuditField("parent", "", AuditValueKind.Empty),
        ], summary.Fields);
    }

    [Fact]
    public void An_old_row_written_with_escaped_quotes_and_brackets_reads_unescaped()
    {
        var summary = AuditSummary.Read("""{"preview":"Said \u0022stop\u0022 \u003Cnow\u003E \u0026 caf\u00E9"}""");

        Assert.Equal("Said \"stop\" <now> & café", Assert.Single(summary.Fields!).Value);
    }

    [Fact]
    public void Nested_values_stay_compact_when_short_and_are_indented_when_long()
    {
        var longList = string.Join(',', Enumerable.Range(0, 20).Select(i => $"\"certificate-{i}\""));
        var summary = AuditSummary.Read($$"""{"tags":["brakes","<b>"],"certificates":[{{longList}}]}""");

        Assert.Equal(new AuditField("tags", """["brakes","<b>"]""", AuditValueKind.Json), summary.Fields![0]);
        var certificates = summary.Fields[1];
        Assert.Equal(AuditValueKind.Json, certificates.Kind);
        Assert.StartsWith("[\n  \"certificate-0\",\n", certificates.Value.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_document_held_as_text_is_shown_as_json()
    {
        var summary = AuditSummary.Read("""{"authority":1,"payload":"{\"vin\": \"DEV-1\", \"exp\": 5}"}""");

        Assert.Equal(new AuditField("payload", """{"vin":"DEV-1","exp":5}""", AuditValueKind.Json), summary.Fields![1]);
    }

    [Fact]
    public void An_array_is_a_pretty_printed_block_and_plain_text_stays_text()
    {
        var array = AuditSummary.Read("""["a\u0022b",2]""");
        Assert.True(array.IsJson);
        Assert.Null(array.Fields);
        Assert.Equal("[\n  \"a\\\"b\",\n  2\n]", array.Block!.ReplaceLineEndings("\n"));

        var text = AuditSummary.Read("acts for authority 1");
        Assert.Equal((null, "acts for authority 1", false), (text.Fields, text.Block, text.IsJson));
    }

    [Fact]
    public void A_summary_cut_at_the_length_limit_is_text_with_its_escapes_undone()
    {
        var summary = AuditSummary.Read("""{"preview":"a \u0022quoted\u0022 word that was cut""");

        Assert.Equal("""{"preview":"a "quoted" word that was cut""", summary.Block);
        Assert.False(summary.IsJson);
    }

    [Fact]
    public void New_summaries_are_written_without_escaping_quotes_html_or_accents_and_read_back_the_same()
    {
        var text = JsonSerializer.Serialize(new { preview = "Café \"x\" <b> & y" }, AuditSummary.WriteOptions);

        Assert.Equal("""{"preview":"Café \"x\" <b> & y"}""", text);
        Assert.Equal("Café \"x\" <b> & y", Assert.Single(AuditSummary.Read(text).Fields!).Value);
    }

    [Fact]
    public void The_export_text_is_the_json_on_one_line_unescaped()
    {
        Assert.Equal("""{"preview":"Said \"stop\" <now>"}""", AuditSummary.ReadableText("""{"preview":"Said \u0022stop\u0022 \u003Cnow\u003E"}"""));
        Assert.Equal("plain words", AuditSummary.ReadableText("plain words"));
    }
}
