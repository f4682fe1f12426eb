using System.Text.Json;
using System.Text.Json.Serialization;
using Arc.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Arc.Portal.Api.Legacy;

/// <summary>
/// The old API Gateway's error answers, for the old routes: a function's failure was its Lambda error object
/// (<c>{"errorMessage": …, "errorType": …}</c>, which the old clients show) with the status of spec/backend.md §0.6, and
/// the gateway's own refusal of a missing or bad token was <c>{"message": "Unauthorized"}</c>. The domain's errors map
/// onto those: invalid input 400, a missing permission 401 ("Unauthorized", as the old permission check said), unknown
/// 404, a conflict with the state 403 (the old "already exists", "does not control"), an outside failure 500 ("Unable…").
/// Two answers have no old counterpart and keep their new meaning: 413 for an oversized body and 429 over the rate limit.
/// </summary>
public static class LegacyErrors
{
    /// <summary>A function's failure, in the Lambda error object's field names.</summary>
    public sealed record Error(
        [property: JsonPropertyName("errorMessage")] string ErrorMessage,
        [property: JsonPropertyName("errorType")] string ErrorType);

    /// <summary>The gateway's refusal of a call without a valid token.</summary>
    public sealed record GatewayMessage([property: JsonPropertyName("message")] string Message);

    public const string ArgumentError = "ArcimotoArgumentError";
    public const string PermissionError = "ArcimotoPermissionError";
    public const string NotFoundError = "ArcimotoNotFoundError";
    public const string GenericError = "ArcimotoException";

    /// <summary>The status and the answer for a failure of an old route.</summary>
    public static (int Status, Error Answer) For(Exception failure, UserSafeErrors errors) => failure switch
    {
        ValidationFailedException invalid => (400, new Error("Input validation failed " + Fields(invalid), ArgumentError)),
        BadHttpRequestException { StatusCode: 413 } => (413, new Error("Input validation failed: the body is larger than this route takes.", ArgumentError)),
        BadHttpRequestException bad => (400, new Error("Input validation failed: " + BodyProblem(bad), ArgumentError)),
        NotSignedInException => (401, new Error("Unauthorized", PermissionError)),
        PermissionDeniedException denied => (401, new Error("Unauthorized: " + denied.Message, PermissionError)),
        NotFoundException missing => (404, new Error(missing.Message, NotFoundError)),
        TooManyRequestsException busy => (429, new Error(busy.Message, GenericError)),
        ServiceUnavailableException down => (500, new Error("Unable to complete the request: " + errors.Describe(down), GenericError)),
        ConflictException or DomainException => (403, new Error(failure.Message, ArgumentError)),
        _ => (500, new Error(errors.Describe(failure, "Unable to complete the request."), GenericError)),
    };

    /// <summary>The old message's shape: <c>Input validation failed {field: [messages]}</c>.</summary>
    private static string Fields(ValidationFailedException invalid) =>
        invalid.Errors.Count == 0 ? "{\"request\": [" + JsonSerializer.Serialize(invalid.Message) + "]}" : JsonSerializer.Serialize(invalid.Errors);

    private static string BodyProblem(BadHttpRequestException e) => e.InnerException switch
    {
        JsonException { Message: var m } j when m.Contains("could not be mapped", StringComparison.Ordinal) => $"the body has a field this route does not take, at {j.Path}.",
        JsonException j => $"the body is not valid JSON for this route: at {j.Path ?? "$"} a value is missing, malformed or of the wrong type.",
        _ when e.StatusCode == StatusCodes.Status415UnsupportedMediaType => "send the body as application/json.",
        _ => "the body or parameters are missing or malformed.",
    };

    public static IResult Result(int status, Error answer) => Results.Json(answer, statusCode: status);

    public static Task WriteAsync(HttpContext context, int status, object answer)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(answer, answer.GetType(), context.RequestAborted);
    }

    /// <summary>Answers the gateway's 401 for a call to an old route without a valid token, or the old 401 for a missing permission.</summary>
    public static Task WriteRefusalAsync(HttpContext context, bool signedIn) => signedIn
        ? WriteAsync(context, StatusCodes.Status401Unauthorized, new Error("Unauthorized: the credential or account does not hold the permission this route needs.", PermissionError))
        : WriteAsync(context, StatusCodes.Status401Unauthorized, new GatewayMessage("Unauthorized"));

    /// <summary>Writes the old error for a failure of an old route; any other endpoint's failure is left to the next handler.</summary>
    internal sealed class Handler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (context.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<LegacyApi.Metadata>() is null)
                return false;
            if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
                return true;
            var (status, answer) = For(exception, context.RequestServices.GetRequiredService<UserSafeErrors>());
            await WriteAsync(context, status, answer);
            return true;
        }
    }
}
