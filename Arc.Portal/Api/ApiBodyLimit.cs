using Arc.Portal.Api.Legacy;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Arc.Portal.Api;

/// <summary>
/// The largest request body the API takes (docs/api.md, "Limits"): every operation reads a small JSON document, the
/// largest being a firmware manifest (at most 256 KB). A body announced larger (Content-Length) is refused with 413 and a
/// problem (the old error shape on the old routes) before anything runs; one sent in chunks is cut off at the limit
/// while it is read. Kestrel's own limit (30 MB) still guards the rest of the portal.
/// </summary>
public static class ApiBodyLimit
{
    public const long MaxBytes = 1024 * 1024;

    /// <summary>The limit as endpoint metadata, which routing applies to the request before the endpoint reads its body.</summary>
    public static RequestSizeLimitAttribute Metadata => new(MaxBytes);

    /// <summary>
    /// Answers 413 for an announced body over an endpoint's limit. Left to the endpoint, the framework would read it as a
    /// body it could not bind and answer a bare 400.
    /// </summary>
    public static WebApplication UseApiBodyLimit(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { MaxRequestBodySize: { } limit }
                && context.Request.ContentLength > limit)
            {
                var detail = $"The body is {context.Request.ContentLength:N0} bytes; this operation takes at most {limit:N0}.";
                if (LegacyApi.IsLegacyPath(context.Request.Path))
                {
                    await LegacyErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                        new LegacyErrors.Error("Input validation failed: " + detail, LegacyErrors.ArgumentError));
                    return;
                }
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge, Title = "The request is not valid.", Detail = detail },
                });
                return;
            }
            await next(context);
        });
        return app;
    }
}
