using Arc.Domain.Permissions;
using Arc.Domain.Tsbs;
using Arc.Portal.Auth;

namespace Arc.Portal.Endpoints;

/// <summary>A bulletin's PDF file, for staff who may read bulletins; the use case checks again and audits each download.</summary>
public static class TsbAttachmentEndpoints
{
    public static IEndpointRouteBuilder MapTsbAttachmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("").WithDomainProblems().WithTags("Downloads").ProducesSignInRedirect()
            .MapGet("/tsbs/{id:int}/files/{fileId:int}",
                async (int id, int fileId, HttpContext context, PortalCurrentUser user, DownloadTsbAttachment download) =>
                {
                    user.UsePrincipal(context.User);
                    context.Response.Headers.CacheControl = "no-store";
                    var file = await download.HandleAsync(id, fileId, context.RequestAborted);
                    // Results.File with a name answers Content-Disposition: attachment, so the browser saves the file rather than showing it here.
                    return Results.File(file.Content, "application/pdf", file.FileName);
                })
            .RequireAuthorization(Perm.TsbRead)
            .WithName("DownloadTsbAttachment")
            .WithSummary("A technical service bulletin's PDF file, as it was stored.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
