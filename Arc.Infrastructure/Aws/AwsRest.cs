using System.Net;
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
        throw response.StatusCode switch
        {
            HttpStatusCode.Conflict => new ConflictException($"{service}: the resource changed meanwhile or already exists.", detail),
            HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge => new ValidationFailedException("request", $"{service} refused the request as invalid.", detail),
            _ => new ServiceUnavailableException($"{service} did not carry out the request; try again later.", detail),
        };
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        return string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text)!.AsObject();
    }

    private static string? Message(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["message"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
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
