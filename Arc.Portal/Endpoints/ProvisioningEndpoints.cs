using Arc.Domain.Permissions;
using Arc.Domain.Provisioning;
using Arc.Domain.Telemetry;
using Arc.Portal.Auth;

namespace Arc.Portal.Endpoints;

/// <summary>
/// File downloads that pages link to: the use case decides who may have the file and audits it; its refusals are
/// answered as problem details (<see cref="DomainProblems"/>).
/// </summary>
public static class ProvisioningEndpoints
{
    public static IEndpointRouteBuilder MapProvisioningEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var downloads = endpoints.MapGroup("").WithDomainProblems().WithTags("Downloads").ProducesSignInRedirect();

        downloads.MapGet("/vehicles/provision/bulk/{jobId:long}/identities.zip",
                async (long jobId, HttpContext context, PortalCurrentUser user, DownloadBulkIdentities download) =>
                {
                    AsRequestUser(context, user);
                    var archive = await download.HandleAsync(jobId, context.RequestAborted);
                    return Results.File(archive.Content, "application/zip", archive.FileName);
                })
            .RequireAuthorization(Perm.VehicleProvision)
            .WithName("DownloadBulkIdentities")
            .WithSummary("The identity archive of a bulk provisioning job, for its uploader.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        downloads.MapGet("/vehicles/provision/bulk/" + GetBulkProvisioningTemplate.FileName,
                async (HttpContext context, PortalCurrentUser user, GetBulkProvisioningTemplate template) =>
                {
                    AsRequestUser(context, user);
                    var file = await template.HandleAsync(context.RequestAborted);
                    // Marked as UTF-8 like the list exports, so a spreadsheet reads release names right.
                    var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(file.Csv)).ToArray();
                    return Results.File(bytes, "text/csv; charset=utf-8", file.FileName);
                })
            .RequireAuthorization(Perm.VehicleProvision)
            .WithName("DownloadBulkProvisioningTemplate")
            .WithSummary("A bulk-provisioning CSV to start from: every column and one example row of this environment.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

        downloads.MapGet("/telemetry/exports/{id:long}.csv.gz",
                async (long id, HttpContext context, PortalCurrentUser user, Arc.Domain.Telemetry.DownloadTelemetryExport download) =>
                {
                    AsRequestUser(context, user);
                    var file = await download.HandleAsync(id, context.RequestAborted);
                    return Results.File(file.GzipContent, "application/gzip", file.FileName);
                })
            .RequireAuthorization(Perm.VehicleRead)
            .WithName("DownloadTelemetryExport")
            .WithSummary("A raw telemetry export, gzip-compressed CSV, for the user who asked for it.")
            .Produces(StatusCodes.Status200OK, contentType: "application/gzip")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    /// <summary>Runs the use case as the request's user; a download is never cached.</summary>
    private static void AsRequestUser(HttpContext context, PortalCurrentUser user)
    {
        user.UsePrincipal(context.User);
        context.Response.Headers.CacheControl = "no-store";
    }
}
