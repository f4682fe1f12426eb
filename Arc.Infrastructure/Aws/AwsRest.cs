using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arc.Domain.Common;

namespace Arc.Infrastructure.Aws;

/// <summary>
/// What every typed AWS REST client here shares: retries with back-off on throttling and server errors (each retry
/// signed afresh by the handler), and the mapping of AWS error answers and network failures to the portal's errors.
/// </summary>
public static class AwsRest
{
    public const int MaxAttempts = 4;

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, Func<HttpRequestMessage> build, TimeProvider time, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = build();
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                throw new ServiceUnavailableException("AWS cannot be reached right now; try again later.", e);
            }
            var retry = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
                or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
            if (!retry || attempt == MaxAttempts)
                return response;
            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt - 1)), time, ct);
        }
    }

    /// <summary>
    /// Maps an AWS error answer to the portal's errors. Their messages are plain sentences; what AWS said (status, error
    /// code and message) travels inside as an <see cref="AwsServiceException"/>, for the log only.
    /// </summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string service, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
            return;
        var body = await response.Content.ReadAsStringAsync(ct);
        var detail = new AwsServiceException(service, response.StatusCode, Message(body) ?? response.ReasonPhrase ?? "no message");
        throw Translate(response.StatusCode, service, Resource(response), detail);
    }

    /// <summary>The portal's error for an AWS status: 404 not found, 409/412 conflict, 400 refused, anything else (5xx, 429, 403) unavailable.</summary>
    public static DomainException Translate(HttpStatusCode status, string service, string resource, Exception detail) => status switch
    {
        HttpStatusCode.NotFound => new NotFoundException($"The {service} resource", resource, detail),
        HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed =>
            new ConflictException($"{service}: the resource changed meanwhile or already exists.", detail),
        HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge =>
            new ValidationFailedException("request", $"{service} refused the request as invalid.", detail),
        _ => new ServiceUnavailableException($"{service} did not carry out the request; try again later.", detail),
    };

    /// <summary>The answer's JSON object; an answer that is not JSON is the service failing, not the caller.</summary>
    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response, string service, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            return string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text) as JsonObject ?? throw Unreadable(service, "the answer is not a JSON object");
        }
        catch (JsonException e)
        {
            throw Unreadable(service, "the answer is not JSON", e);
        }
    }

    /// <summary>A text field the answer must carry.</summary>
    public static string Text(JsonNode? parent, string field, string service) =>
        parent is JsonObject o && o[field] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw Unreadable(service, $"the answer has no text field '{field}'");

    /// <summary>An answer the portal cannot make sense of: reported as the service failing, with the detail for the log.</summary>
    public static ServiceUnavailableException Unreadable(string service, string detail, Exception? inner = null) =>
        new($"{service} gave an answer the portal cannot read; try again later.", new InvalidDataException($"{service}: {detail}", inner));

    /// <summary>What the request was about, for a not-found message: the last segment of its path, never the whole address.</summary>
    private static string Resource(HttpResponseMessage response) =>
        response.RequestMessage?.RequestUri is { } uri && uri.IsAbsoluteUri
            ? Uri.UnescapeDataString(uri.Segments[^1].TrimEnd('/'))
            : "requested";

    private static string? Message(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["message"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>What an AWS service answered to a failed request: kept for the log, never shown to a user.</summary>
public sealed class AwsServiceException(string service, HttpStatusCode status, string awsMessage)
    : Exception($"{service} answered {(int)status}: {awsMessage}")
{
    public HttpStatusCode Status { get; } = status;
}
