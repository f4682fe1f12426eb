using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Arc.Domain.Provisioning;
using Arc.Infrastructure.Aws;

namespace Arc.Infrastructure.Provisioning;

/// <summary>
/// The device registry on the AWS IoT control-plane REST API (signing name "execute-api", host iot.REGION.amazonaws.com):
/// DescribeThing, CreateThing, AddThingToThingGroup, ListThingPrincipals, CreateKeysAndCertificate, AttachPolicy,
/// AttachThingPrincipal, DescribeCertificate, ListAttachedPolicies, DetachPolicy, DetachThingPrincipal,
/// UpdateCertificate and DeleteCertificate, DeleteThing.
/// </summary>
public sealed class AwsDeviceRegistry(HttpClient http, TimeProvider time, string endpoint, string rootCertificatePem) : IDeviceRegistry
{
    public const string SigningName = "execute-api";
    private const string Service = "AWS IoT";

    public string Endpoint => endpoint;

    public string RootCertificatePem => rootCertificatePem;

    public async Task<ThingInfo?> DescribeThingAsync(string thingName, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"things/{Escape(thingName)}", null, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await AwsRest.EnsureSuccessAsync(response, Service, ct);
        var body = await AwsRest.ReadAsync(response, Service, ct);
        var attributes = (body["attributes"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : "") ?? [];
        return new ThingInfo(thingName, AwsRest.Text(body, "thingArn", Service), "", attributes);
    }

    public async Task<ThingInfo> CreateThingAsync(string thingName, string thingGroup, IReadOnlyDictionary<string, string> attributes, CancellationToken ct = default)
    {
        var payload = new JsonObject
        {
            ["thingTypeName"] = "default-type",
            ["attributePayload"] = new JsonObject { ["attributes"] = new JsonObject(attributes.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))) },
        };
        string arn;
        using (var created = await SendAsync(HttpMethod.Post, $"things/{Escape(thingName)}", payload, ct))
        {
            await AwsRest.EnsureSuccessAsync(created, Service, ct);
            arn = AwsRest.Text(await AwsRest.ReadAsync(created, Service, ct), "thingArn", Service);
        }
        using (var grouped = await SendAsync(HttpMethod.Put, "thing-groups/addThingToThingGroup",
                   new JsonObject { ["thingName"] = thingName, ["thingGroupName"] = thingGroup }, ct))
            await AwsRest.EnsureSuccessAsync(grouped, Service, ct);
        return new ThingInfo(thingName, arn, thingGroup, attributes);
    }

    public async Task<bool> DeleteThingAsync(string thingName, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"things/{Escape(thingName)}", null, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return false;
        await AwsRest.EnsureSuccessAsync(response, Service, ct);
        return true;
    }

    public async Task<IReadOnlyList<string>> ListThingCertificatesAsync(string thingName, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"things/{Escape(thingName)}/principals", null, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return [];
        await AwsRest.EnsureSuccessAsync(response, Service, ct);
        var principals = (await AwsRest.ReadAsync(response, Service, ct))["principals"] as JsonArray ?? [];
        return principals.Select(p => p is JsonValue v && v.TryGetValue<string>(out var arn) ? arn : "").Where(p => p.Contains(":cert/", StringComparison.Ordinal))
            .Select(p => p[(p.LastIndexOf('/') + 1)..]).ToList();
    }

    public async Task<DeviceCertificate> CreateCertificateAsync(string thingName, IReadOnlyList<string> policies, CancellationToken ct = default)
    {
        JsonObject created;
        using (var response = await SendAsync(HttpMethod.Post, "keys-and-certificate?setAsActive=true", null, ct))
        {
            await AwsRest.EnsureSuccessAsync(response, Service, ct);
            created = await AwsRest.ReadAsync(response, Service, ct);
        }
        var arn = AwsRest.Text(created, "certificateArn", Service);
        foreach (var policy in policies)
        {
            using var attached = await SendAsync(HttpMethod.Put, $"target-policies/{Escape(policy)}", new JsonObject { ["target"] = arn }, ct);
            await AwsRest.EnsureSuccessAsync(attached, Service, ct);
        }
        using (var principal = await SendAsync(HttpMethod.Put, $"things/{Escape(thingName)}/principals", null, ct, arn))
            await AwsRest.EnsureSuccessAsync(principal, Service, ct);
        return new DeviceCertificate(AwsRest.Text(created, "certificateId", Service), AwsRest.Text(created, "certificatePem", Service),
            created["keyPair"]?["PrivateKey"]?.GetValue<string>());
    }

    public async Task RevokeCertificateAsync(string thingName, string certificateId, CancellationToken ct = default)
    {
        string arn;
        using (var described = await SendAsync(HttpMethod.Get, $"certificates/{Escape(certificateId)}", null, ct))
        {
            if (described.StatusCode == HttpStatusCode.NotFound)
                return;
            await AwsRest.EnsureSuccessAsync(described, Service, ct);
            arn = AwsRest.Text((await AwsRest.ReadAsync(described, Service, ct))["certificateDescription"], "certificateArn", Service);
        }
        JsonArray attachedPolicies;
        using (var listed = await SendAsync(HttpMethod.Post, $"attached-policies/{Escape(arn)}?recursive=false", null, ct))
        {
            await AwsRest.EnsureSuccessAsync(listed, Service, ct);
            attachedPolicies = (await AwsRest.ReadAsync(listed, Service, ct))["policies"] as JsonArray ?? [];
        }
        foreach (var policy in attachedPolicies.Select(p => AwsRest.Text(p, "policyName", Service)))
        {
            using var detached = await SendAsync(HttpMethod.Post, $"target-policies/{Escape(policy)}", new JsonObject { ["target"] = arn }, ct);
            await AwsRest.EnsureSuccessAsync(detached, Service, ct);
        }
        using (var principal = await SendAsync(HttpMethod.Delete, $"things/{Escape(thingName)}/principals", null, ct, arn))
        {
            if (principal.StatusCode != HttpStatusCode.NotFound)
                await AwsRest.EnsureSuccessAsync(principal, Service, ct);
        }
        using (var inactive = await SendAsync(HttpMethod.Put, $"certificates/{Escape(certificateId)}?newStatus=INACTIVE", null, ct))
            await AwsRest.EnsureSuccessAsync(inactive, Service, ct);
        using var deleted = await SendAsync(HttpMethod.Delete, $"certificates/{Escape(certificateId)}?forceDelete=false", null, ct);
        await AwsRest.EnsureSuccessAsync(deleted, Service, ct);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct, string? principal = null)
    {
        var json = body?.ToJsonString();
        return AwsRest.SendAsync(http, () =>
        {
            var request = new HttpRequestMessage(method, path);
            if (json is not null)
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            if (principal is not null)
                request.Headers.TryAddWithoutValidation("x-amzn-principal", principal);
            return request;
        }, time, ct);
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
