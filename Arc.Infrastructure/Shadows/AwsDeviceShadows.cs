using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Shadows;
using Arc.Infrastructure.Aws;

namespace Arc.Infrastructure.Shadows;

/// <summary>
/// Device shadows on the AWS IoT Data REST API (GetThingShadow, UpdateThingShadow, DeleteThingShadow), signed with
/// SigV4 for the "iotdata" service. Throttling and server errors are retried with back-off; a version conflict
/// becomes a <see cref="ConflictException"/>; a missing shadow is null; an answer that cannot be read, like a peer that
/// cannot be reached, is a <see cref="ServiceUnavailableException"/>.
/// </summary>
public sealed class AwsDeviceShadows(HttpClient http, TimeProvider time) : IDeviceShadows
{
    public const string SigningName = "iotdata";
    public const int MaxAttempts = AwsRest.MaxAttempts;
    private const string Service = "AWS IoT";

    public async Task<ShadowDocument?> GetAsync(string thingName, CancellationToken ct = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Path(thingName)), ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await EnsureSuccessAsync(response, ct);
        var json = await response.Content.ReadAsStringAsync(ct);
        try
        {
            return Parse(json);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            throw AwsRest.Unreadable(Service, "the shadow document could not be read", e);
        }
    }

    public async Task<ShadowDocument> UpdateAsync(string thingName, ShadowUpdate update, CancellationToken ct = default)
    {
        var state = new JsonObject();
        if (update.Desired is not null)
            state["desired"] = update.Desired.DeepClone();
        if (update.Reported is not null)
            state["reported"] = update.Reported.DeepClone();
        var body = new JsonObject { ["state"] = state };
        if (update.ExpectedVersion is { } version)
            body["version"] = version;
        var json = body.ToJsonString();
        using (var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Path(thingName))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        }, ct))
        {
            await EnsureSuccessAsync(response, ct);
        }
        // The update answer carries only what changed; the whole document (with its delta) comes from a read.
        return await GetAsync(thingName, ct) ?? throw ConflictException.ChangedBySomeoneElse($"The shadow of {thingName}");
    }

    public async Task<bool> DeleteAsync(string thingName, CancellationToken ct = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, Path(thingName)), ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return false;
        await EnsureSuccessAsync(response, ct);
        return true;
    }

    private static string Path(string thingName) => $"things/{Uri.EscapeDataString(thingName)}/shadow";

    private Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken ct) => AwsRest.SendAsync(http, build, time, ct);

    private static Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct) => AwsRest.EnsureSuccessAsync(response, Service, ct);

    public static ShadowDocument Parse(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        var state = document["state"] as JsonObject ?? [];
        return new ShadowDocument(
            (JsonObject?)state["desired"]?.DeepClone() ?? [],
            (JsonObject?)state["reported"]?.DeepClone() ?? [],
            (JsonObject?)state["delta"]?.DeepClone(),
            (JsonObject?)document["metadata"]?.DeepClone() ?? [],
            document["version"]?.GetValue<long>() ?? 0,
            DateTimeOffset.FromUnixTimeSeconds(document["timestamp"]?.GetValue<long>() ?? 0));
    }
}
