using Arc.Domain.InsurerExports;
using Arc.Domain.Permissions;
using Arc.Portal.Auth;

namespace Arc.Portal.Endpoints;

/// <summary>The insurer export's file, for staff who may read the exports; the use case audits each download.</summary>
public static class InsurerExportEndpoints
{
    public static IEndpointRouteBuilder MapInsurerExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("").WithDomainProblems().WithTags("Downloads")
            .MapGet("/fleets/insurer-exports/{id:long}/file",
                async (long id, HttpContext context, PortalCurrentUser user, DownloadInsurerExport download) =>
                {
                    user.UsePrincipal(context.User);
                    context.Response.Headers.CacheControl = "no-store";
                    var file = await download.HandleAsync(id, context.RequestAborted);
                    return Results.File(file.Content, "application/json", file.FileName);
                })
            .RequireAuthorization(Perm.InsurerExportRead)
            .WithName("DownloadInsurerExport").ProducesSignInRedirect()
            .WithSummary("A month's insurer (Y-Risk) export file, as it was written to the file store.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }
}
