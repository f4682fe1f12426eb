using Arc.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Arc.Portal.Endpoints;

/// <summary>
/// The one mapping from the domain's errors to HTTP problem details (RFC 9457), for the portal's HTTP endpoints. Pages
/// keep their own error page; an endpoint opts in with <see cref="WithDomainProblems{TBuilder}"/>.
/// </summary>
public static class DomainProblems
{
    /// <summary>Marks an endpoint whose failures are answered as problem details.</summary>
    public sealed class Metadata
    {
        public static readonly Metadata Instance = new();
    }

    public static IServiceCollection AddDomainProblems(this IServiceCollection services)
    {
        // Every problem carries the request's reference (the X-Correlation-ID the logs are kept under) as traceId.
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.RequestServices.GetRequiredService<ICorrelation>().Id);
        services.AddExceptionHandler<DomainExceptionHandler>();
        // A body or parameter that cannot be read is thrown in every environment, so a marked endpoint answers it as a
        // problem saying what was wrong rather than a bare 400 (outside Development the framework would not throw).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Answers a failure of a marked endpoint as a problem, in every environment (Development's error page is for pages).</summary>
    public static WebApplication UseDomainProblems(this WebApplication app)
    {
        app.UseWhen(context => IsMarked(context), branch => branch.UseExceptionHandler());
        return app;
    }

    public static TBuilder WithDomainProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Metadata.Instance)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    internal static bool IsMarked(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<Metadata>() is not null;

    /// <summary>
    /// The problem for a failure. A domain error's message is meant for users and becomes the detail; an outside service
    /// failing, or anything unexpected, becomes a sentence with the request's reference, its detail going to the log only.
    /// </summary>
    public static ProblemDetails For(Exception failure, UserSafeErrors errors) => failure switch
    {
        ValidationFailedException invalid => new HttpValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest, Title = "The request is not valid.", Detail = invalid.Message,
        },
        NotSignedInException e => Problem(StatusCodes.Status401Unauthorized, "Not signed in.", e.Message),
        PermissionDeniedException e => Problem(StatusCodes.Status403Forbidden, "Not permitted.", e.Message),
        NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found.", e.Message),
        ConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict with the current state.", e.Message),
        TooManyRequestsException e => Problem(StatusCodes.Status429TooManyRequests, "Too many requests.", e.Message),
        ServiceUnavailableException e => Problem(StatusCodes.Status503ServiceUnavailable, "A service the portal needs is unavailable.", errors.Describe(e)),
        BadHttpRequestException e => Problem(e.StatusCode, "The request is not valid.", BadRequestDetail(e)),
        // Any other domain error (a run taken over by recovery, say) is the state refusing the request.
        DomainException e => Problem(StatusCodes.Status409Conflict, "Conflict with the current state.", e.Message),
        _ => Problem(StatusCodes.Status500InternalServerError, "Something went wrong.", errors.Describe(failure, "The request could not be completed.")),
    };

    /// <summary>
    /// Why a body or parameter could not be read, in the caller's terms: where the JSON went wrong, or which field is not
    /// known, never the portal's type names.
    /// </summary>
    private static string BadRequestDetail(BadHttpRequestException e) => e.InnerException switch
    {
        System.Text.Json.JsonException { Message: var m } j when m.Contains("could not be mapped", StringComparison.Ordinal) =>
            $"The body has a field this operation does not take, at {j.Path}; see the operation's schema.",
        System.Text.Json.JsonException j =>
            $"The body is not valid JSON for this operation: at {j.Path ?? "$"} (line {j.LineNumber + 1}, byte {j.BytePositionInLine + 1}) a value is missing, malformed or of the wrong type.",
        _ when e.StatusCode == StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ when e.StatusCode == StatusCodes.Status413PayloadTooLarge => "The body is larger than this operation takes.",
        _ => "The request's body or parameters are missing or malformed; see the operation's schema.",
    };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    /// <summary>Writes the problem for a marked endpoint's failure; a page's failure is left to the error page.</summary>
    private sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            // The middleware has cleared the request's endpoint by now; the feature keeps the one that failed.
            if (context.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<Metadata>() is null)
                return false;
            // The caller went away: nobody reads an answer.
            if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
                return true;
            var problem = For(exception, context.RequestServices.GetRequiredService<UserSafeErrors>());
            context.Response.StatusCode = problem.Status!.Value;
            // No exception in the context: problem details never carry a stack or a peer's words, in any environment.
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
        }
    }
}
