using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Shadows;

namespace Arc.Portal.Tests.Domain;

public class ShadowMathTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    [Fact]
    public void Desired_without_reported_is_all_delta_and_pending()
    {
        var doc = ShadowMath.Apply(null, new ShadowUpdate(Json("""{"a":1,"keys":["x"]}"""), null), T0);
        Assert.Equal(1, doc.Version);
        Assert.Equal("""{"a":1,"keys":["x"]}""", doc.Delta!.ToJsonString());
        Assert.Equal(ShadowSync.Pending, ShadowStatus.Of(doc));
        Assert.Equal(T0.ToUnixTimeSeconds(), doc.Metadata["desired"]!["a"]!["timestamp"]!.GetValue<long>());
    }

    [Fact]
    public void Reporting_the_desired_state_clears_the_delta()
    {
        var first = ShadowMath.Apply(null, new ShadowUpdate(Json("""{"a":1,"o":{"x":1,"y":2}}"""), null), T0);
        var second = ShadowMath.Apply(first, new ShadowUpdate(null, Json("""{"a":1,"o":{"x":1,"y":2},"extra":true}""")), T0.AddSeconds(5));
        Assert.Null(second.Delta);
        Assert.Equal(2, second.Version);
        Assert.Equal(ShadowSync.Synchronized, ShadowStatus.Of(second));
    }

    [Fact]
    public void Nested_objects_merge_arrays_replace_and_null_deletes()
    {
        var first = ShadowMath.Apply(null, new ShadowUpdate(Json("""{"o":{"x":1,"y":2},"list":[1,2],"gone":5}"""), null), T0);
        var second = ShadowMath.Apply(first, new ShadowUpdate(Json("""{"o":{"y":3},"list":[9],"gone":null}"""), null), T0);
        Assert.Equal("""{"o":{"x":1,"y":3},"list":[9]}""", second.Desired.ToJsonString());
        Assert.Null(second.Metadata["desired"]!["gone"]);
    }

    [Fact]
    public void The_delta_holds_only_the_differing_nested_keys()
    {
        var delta = ShadowMath.Delta(Json("""{"o":{"x":1,"y":2},"same":true}"""), Json("""{"o":{"x":1,"y":5},"same":true}"""));
        Assert.Equal("""{"o":{"y":2}}""", delta!.ToJsonString());
    }

    [Fact]
    public void A_stale_version_is_a_conflict_and_a_current_one_is_accepted()
    {
        var doc = ShadowMath.Apply(null, new ShadowUpdate(Json("""{"a":1}"""), null), T0);
        Assert.Throws<ConflictException>(() => ShadowMath.Apply(doc, new ShadowUpdate(Json("""{"a":2}"""), null, ExpectedVersion: 0), T0));
        Assert.Equal(2, ShadowMath.Apply(doc, new ShadowUpdate(Json("""{"a":2}"""), null, ExpectedVersion: 1), T0).Version);
    }

    [Fact]
    public void Empty_and_oversized_updates_are_refused()
    {
        Assert.Throws<ValidationFailedException>(() => ShadowMath.Apply(null, new ShadowUpdate(null, null), T0));
        var big = new JsonObject { ["pad"] = new string('x', ShadowMath.MaxDocumentBytes) };
        Assert.Throws<ValidationFailedException>(() => ShadowMath.Apply(null, new ShadowUpdate(big, null), T0));
    }

    [Fact]
    public void No_shadow_or_no_report_is_unknown()
    {
        Assert.Equal(ShadowSync.Unknown, ShadowStatus.Of(null));
        var reportedOnly = ShadowMath.Apply(null, new ShadowUpdate(null, Json("""{"a":1}""")), T0);
        Assert.Equal(ShadowSync.Unknown, ShadowStatus.Of(reportedOnly));
    }
}
