using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Provisioning;
using Arc.Portal.Auth;

namespace Arc.Portal.Endpoints;

/// <summary>File downloads that pages link to: the use case decides who may have the file and audits it.</summary>
public static class ProvisioningEndpoints
{
    public static IEndpointRouteBuilder MapProvisioningEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The identity archive of a bulk provisioning job, for its uploader.
        endpoints.MapGet("/vehicles/provision/bulk/{jobId:long}/identities.zip",
            (long jobId, HttpContext context, PortalCurrentUser user, UserSafeErrors errors, DownloadBulkIdentities download) => FileAsync(context, user, errors, async ct =>
            {
                var archive = await download.HandleAsync(jobId, ct);
                return Results.File(archive.Content, "application/zip", archive.FileName);
            })).RequireAuthorization(Perm.VehicleProvision);

        // A raw telemetry export, gzip-compressed CSV, for the user who asked for it.
        endpoints.MapGet("/telemetry/exports/{id:long}.csv.gz",
            (long id, HttpContext context, PortalCurrentUser user, UserSafeErrors errors, Arc.Domain.Telemetry.DownloadTelemetryExport download) => FileAsync(context, user, errors, async ct =>
            {
                var file = await download.HandleAsync(id, ct);
                return Results.File(file.GzipContent, "application/gzip", file.FileName);
            })).RequireAuthorization(Perm.VehicleRead);
        return endpoints;
    }

    /// <summary>Runs a download as the request's user, never cached; refusals become problem answers with the use case's words.</summary>
    private static async Task<IResult> FileAsync(HttpContext context, PortalCurrentUser user, UserSafeErrors errors, Func<CancellationToken, Task<IResult>> download)
    {
        user.UsePrincipal(context.User);
        context.Response.Headers.CacheControl = "no-store";
        try
        {
            return await download(context.RequestAborted);
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
        catch (ServiceUnavailableException e)
        {
            return Results.Problem(errors.Describe(e), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
