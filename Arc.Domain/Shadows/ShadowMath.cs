using System.Text.Json.Nodes;
using Arc.Domain.Common;

namespace Arc.Domain.Shadows;

/// <summary>
/// AWS IoT shadow semantics, for adapters that keep shadows themselves: updates merge into the state (objects merge
/// key by key, anything else replaces, null deletes), each written leaf gets a metadata timestamp, the version counts
/// updates, and the delta holds the desired keys whose value differs from the reported one.
/// </summary>
public static class ShadowMath
{
    public const int MaxDocumentBytes = 8 * 1024;

    public static ShadowDocument Apply(ShadowDocument? current, ShadowUpdate update, DateTimeOffset now)
    {
        if (update.ExpectedVersion is { } expected && expected != (current?.Version ?? 0))
            throw new ConflictException($"The shadow is at version {current?.Version ?? 0}, not {expected}; read it again and retry.");
        if (update.Desired is null && update.Reported is null)
            throw new ValidationFailedException("state", "A shadow update needs a desired or a reported section.");

        var desired = (JsonObject?)current?.Desired.DeepClone() ?? [];
        var reported = (JsonObject?)current?.Reported.DeepClone() ?? [];
        var metadata = (JsonObject?)current?.Metadata.DeepClone() ?? [];
        var stamp = now.ToUnixTimeSeconds();
        if (update.Desired is not null)
            Merge(desired, update.Desired, Section(metadata, "desired"), stamp);
        if (update.Reported is not null)
            Merge(reported, update.Reported, Section(metadata, "reported"), stamp);

        var delta = Delta(desired, reported);
        var document = new ShadowDocument(desired, reported, delta, metadata, (current?.Version ?? 0) + 1, now);
        if (System.Text.Encoding.UTF8.GetByteCount(desired.ToJsonString()) + System.Text.Encoding.UTF8.GetByteCount(reported.ToJsonString()) > MaxDocumentBytes)
            throw new ValidationFailedException("state", $"A shadow's state holds at most {MaxDocumentBytes / 1024} KB.");
        return document;
    }

    /// <summary>The desired keys whose value the reported state does not match, or null when there are none.</summary>
    public static JsonObject? Delta(JsonObject desired, JsonObject reported)
    {
        var delta = new JsonObject();
        foreach (var (key, want) in desired)
        {
            var have = reported[key];
            if (want is JsonObject wantObject && have is JsonObject haveObject)
            {
                if (Delta(wantObject, haveObject) is { } nested)
                    delta[key] = nested;
            }
            else if (!JsonNode.DeepEquals(want, have))
            {
                delta[key] = want?.DeepClone();
            }
        }
        return delta.Count == 0 ? null : delta;
    }

    private static void Merge(JsonObject target, JsonObject change, JsonObject metadata, long stamp)
    {
        foreach (var (key, value) in change)
        {
            if (value is null)
            {
                target.Remove(key);
                metadata.Remove(key);
            }
            else if (value is JsonObject incoming)
            {
                if (target[key] is not JsonObject existing)
                {
                    existing = [];
                    target[key] = existing;
                }
                if (metadata[key] is not JsonObject nestedMeta)
                {
                    nestedMeta = [];
                    metadata[key] = nestedMeta;
                }
                Merge(existing, incoming, nestedMeta, stamp);
            }
            else
            {
                target[key] = value.DeepClone();
                metadata[key] = new JsonObject { ["timestamp"] = stamp };
            }
        }
    }

    private static JsonObject Section(JsonObject metadata, string name)
    {
        if (metadata[name] is JsonObject section)
            return section;
        section = [];
        metadata[name] = section;
        return section;
    }
}
