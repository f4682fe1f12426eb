using Arc.Domain.Audit;
using Bunit;
using MudBlazor.Services;

namespace Arc.Portal.Tests.Components;

/// <summary>Issue 13: the audit log and a vehicle's History show each change as fields and values, linked to its entity.</summary>
public sealed class AuditComponentTests : IAsyncDisposable
{
    private const string Vin = "DEV-7F7ATR319LER05096";
    private readonly BunitContext _ctx = new();

    public AuditComponentTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
    }

    [Fact]
    public void A_flat_change_is_a_key_value_list_with_no_escapes_even_for_an_old_escaped_row()
    {
        var cut = Render(Row(AuditEntityTypes.Vehicle, Vin, """{"tags":["brakes"],"length":24,"preview":"Said \u0022stop\u0022 \u003Cnow\u003E","locked":false}"""));

        var change = cut.Find("[data-testid=audit-change]");
        Assert.Equal("DL", change.TagName);
        var fields = change.QuerySelectorAll("dt").Select(e => e.TextContent).Zip(change.QuerySelectorAll("dd").Select(e => e.TextContent));
        Assert.Equal([("tags", """["brakes"]"""), ("length", "24"), ("preview", "Said \"stop\" <now>"), ("locked", "false")], fields);
        Assert.Equal(["json", "number", "text", "boolean"], change.QuerySelectorAll("dd").Select(e => e.GetAttribute("data-kind")));
        Assert.DoesNotContain("\\u00", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_that_is_not_an_object_is_a_json_block_or_its_text()
    {
        var cut = Render(Row(AuditEntityTypes.System, "2026-11", """["a",1]"""), Row(AuditEntityTypes.Permission, "vehicle.read", "acts for authority 1"));

        var changes = cut.FindAll("[data-testid=audit-change]");
        Assert.Equal(("PRE", "[\n  \"a\",\n  1\n]"), (changes[0].TagName, changes[0].TextContent.ReplaceLineEndings("\n")));
        Assert.Equal(("SPAN", "acts for authority 1"), (changes[1].TagName, changes[1].TextContent));
    }

    [Theory]
    [InlineData(AuditEntityTypes.Vehicle, Vin, "vehicles/DEV-7F7ATR319LER05096")]
    [InlineData(AuditEntityTypes.User, "jane.doe", "users/jane.doe")]
    [InlineData(AuditEntityTypes.Authority, "3", "authorities/3")]
    [InlineData(AuditEntityTypes.PermissionGroup, "2", "permission-groups/2")]
    [InlineData(AuditEntityTypes.BulkProvisioningJob, "41", "vehicles/provision/bulk/41")]
    public void The_entity_links_to_its_page(string type, string id, string href)
    {
        var link = Render(Row(type, id, "{}")).Find("a[data-testid=audit-entity]");

        Assert.Equal((href, id), (link.GetAttribute("href"), link.TextContent));
    }

    [Theory]
    [InlineData(AuditEntityTypes.User, "unknown")]
    [InlineData(AuditEntityTypes.System, "2026-11")]
    [InlineData(AuditEntityTypes.Authority, "not-a-number")]
    [InlineData(AuditEntityTypes.Email, "12")]
    public void An_entity_without_a_page_is_plain_text(string type, string id)
    {
        var cut = Render(Row(type, id, "{}"));

        Assert.Empty(cut.FindAll("a[data-testid=audit-entity]"));
        Assert.Equal(id, cut.Find("[data-testid=audit-entity]").TextContent);
        Assert.Equal("no details", cut.Find("[data-testid=audit-change]").TextContent);
    }

    private IRenderedComponent<AuditEventTable> Render(params AuditRow[] rows) => _ctx.Render<AuditEventTable>(p => p.Add(c => c.Rows, rows));

    private static AuditRow Row(string type, string id, string summary) =>
        new(1, DateTimeOffset.UtcNow, "admin", "Admin", "vehicle.test", type, id, summary, "c-1");

    public ValueTask DisposeAsync() => _ctx.DisposeAsync();
}
