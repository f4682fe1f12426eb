using Arc.Domain.Api;
using Arc.Domain.Common;
using Arc.Portal.Auth;

namespace Arc.Portal.Endpoints;

/// <summary>
/// The <c>Idempotency-Key</c> request header on the API's POST and PUT operations: a request sent again with the same key
/// and the same method, path and body gets the first answer again (marked <c>Idempotent-Replayed: true</c>) and runs
/// once, also when the two arrive at the same moment (the second waits for the first's answer). The same key with a
/// different request is refused with 422; a request whose first copy is still running after
/// <see cref="WaitForFirst"/> gets 409 with Retry-After. Answers below 500 are kept for a day; an exception or a 5xx
/// gives the key up, so a retry runs again. Keys belong to their caller. Without the header nothing of this applies.
/// </summary>
public static class Idempotency
{
    public static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Keeps the body of a request with a key readable again after binding, to fingerprint it.</summary>
    public static WebApplication UseIdempotencyKeys(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Headers.ContainsKey(IdempotencyRules.Header), b => b.Use((context, next) =>
        {
            context.Request.EnableBuffering();
            return next(context);
        }));
        return app;
    }

    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(InvokeAsync)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(IdempotentMetadata.Instance);

    /// <summary>Marks an operation that takes an Idempotency-Key, for the OpenAPI document.</summary>
    public sealed class IdempotentMetadata
    {
        public static readonly IdempotentMetadata Instance = new();
    }

    private static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers[IdempotencyRules.Header];
        if (header.Count == 0)
            return await next(context);
        if (header.Count > 1)
            throw new ValidationFailedException(IdempotencyRules.Header, $"Send one {IdempotencyRules.Header} header, not {header.Count}.");
        var key = IdempotencyRules.Key(header[0]);
        // A credential's keys are its own across its rotations; a user's are the user's.
        var principal = (http.User.Credential() is { } token
            ? "credential:" + token.CredentialId.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : http.User.Username()) ?? throw new NotSignedInException();
        var store = http.RequestServices.GetRequiredService<IdempotencyStore>();
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var path = http.Request.Path + http.Request.QueryString;
        var hash = IdempotencyRules.Fingerprint(http.Request.Method, path, await BodyAsync(http.Request));
        var deadline = time.GetUtcNow() + WaitForFirst;
        while (true)
        {
            var (outcome, record) = await store.BeginAsync(principal, key, http.Request.Method, path, hash, http.RequestAborted);
            switch (outcome)
            {
                case IdempotencyOutcome.Run:
                    return await RunAsync(context, next, store, principal, key);
                case IdempotencyOutcome.Replay:
                    return new ReplayResult(record!);
                case IdempotencyOutcome.Mismatch:
                    return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The idempotency key was used for another request.",
                        detail: $"This {IdempotencyRules.Header} was sent before with a different method, path or body ({record!.Method} {record.Path}); use a new key for a new request.");
                case IdempotencyOutcome.Busy when time.GetUtcNow() >= deadline:
                    http.Response.Headers.RetryAfter = "5";
                    return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The first request with this key is still running.",
                        detail: "A request with this Idempotency-Key is still being processed; send it again in a few seconds to get its answer.");
                default:
                    await Task.Delay(Poll, time, http.RequestAborted);
                    break;
            }
        }
    }

    private static async Task<byte[]> BodyAsync(HttpRequest request)
    {
        if (!request.Body.CanSeek)
            return [];
        request.Body.Position = 0;
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return copy.ToArray();
    }

    /// <summary>Runs the operation and writes its answer through a buffer, so the answer kept is byte for byte the one sent.</summary>
    private static async Task<object?> RunAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, IdempotencyStore store,
        string principal, string key)
    {
        var http = context.HttpContext;
        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await store.AbandonAsync(principal, key);
            throw;
        }
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await (result switch
            {
                IResult answer => answer.ExecuteAsync(http),
                null => Task.CompletedTask,
                _ => Results.Json(result).ExecuteAsync(http),
            });
        }
        finally
        {
            http.Response.Body = original;
        }
        if (http.Response.StatusCode < 500)
            await store.CompleteAsync(principal, key, http.Response.StatusCode, http.Response.ContentType, buffer.ToArray());
        else
            await store.AbandonAsync(principal, key);
        buffer.Position = 0;
        await buffer.CopyToAsync(original, http.RequestAborted);
        return Results.Empty;
    }

    private sealed class ReplayResult(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = record.StatusCode ?? StatusCodes.Status200OK;
            http.Response.Headers[IdempotencyRules.ReplayedHeader] = "true";
            if (record.ContentType is not null)
                http.Response.ContentType = record.ContentType;
            if (record.Body is { Length: > 0 } body)
                await http.Response.Body.WriteAsync(body, http.RequestAborted);
        }
    }
}
