using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Provisioning;
using Arc.Portal.Auth;

namespace Arc.Portal.Endpoints;

public static class ProvisioningEndpoints
{
    /// <summary>The identity archive of a bulk job, as a file download (the use case decides who may have it and audits it).</summary>
    public static IEndpointRouteBuilder MapProvisioningEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/vehicles/provision/bulk/{jobId:long}/identities.zip",
            async (long jobId, HttpContext context, PortalCurrentUser user, DownloadBulkIdentities download) =>
            {
                user.UsePrincipal(context.User);
                try
                {
                    var archive = await download.HandleAsync(jobId, context.RequestAborted);
                    context.Response.Headers.CacheControl = "no-store";
                    return Results.File(archive.Content, "application/zip", archive.FileName);
                }
                catch (NotFoundException e)
                {
                    return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound);
                }
                catch (ConflictException e)
                {
                    return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
                }
                catch (PermissionDeniedException e)
                {
                    return Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden);
                }
            }).RequireAuthorization(Perm.VehicleProvision);

        // A raw telemetry export, gzip-compressed CSV, for the user who asked for it.
        endpoints.MapGet("/telemetry/exports/{id:long}.csv.gz",
            async (long id, HttpContext context, PortalCurrentUser user, Arc.Domain.Telemetry.TelemetryExports exports) =>
            {
                user.UsePrincipal(context.User);
                try
                {
                    var file = await exports.DownloadAsync(id, context.RequestAborted);
                    context.Response.Headers.CacheControl = "no-store";
                    return Results.File(file.GzipContent, "application/gzip", file.FileName);
                }
                catch (NotFoundException e)
                {
                    return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound);
                }
                catch (ConflictException e)
                {
                    return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
                }
            }).RequireAuthorization(Perm.VehicleRead);
        return endpoints;
    }
}
