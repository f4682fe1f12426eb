using System.Text;
using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Portal.Auth;

namespace Arc.Portal.Endpoints;

/// <summary>A recall's quarterly completion reports as CSV, for staff who may read its vehicles (the use case checks again).</summary>
public static class RecallReportEndpoints
{
    public static IEndpointRouteBuilder MapRecallReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("").WithDomainProblems().WithTags("Downloads")
            .MapGet("/recalls/{id:int}/quarterly-reports.csv",
                async (int id, HttpContext context, PortalCurrentUser user, ExportRecallQuarterReports export) =>
                {
                    user.UsePrincipal(context.User);
                    context.Response.Headers.CacheControl = "no-store";
                    var (fileName, csv) = await export.HandleAsync(id, context.RequestAborted);
                    return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv", fileName);
                })
            .RequireAuthorization(Perm.RecallVehicleRead)
            .WithName("ExportRecallQuarterlyReports").ProducesSignInRedirect()
            .WithSummary("A recall's quarterly completion reports (49 CFR 573.7 counts), one line per quarter.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
