using System.Text.Json.Serialization;
using Arc.Domain.Permissions;
using Arc.Domain.Provisioning;
using Arc.Portal.Api;
using Arc.Portal.Auth;

namespace Arc.Portal.Endpoints;

/// <summary>
/// The factory line's calls: provision (or re-provision) a VIN, collect its identity file once, unprovision it. They
/// run the use cases the pages run, with the same permission checks, audit and saga. Provisioning takes an
/// Idempotency-Key, so a line that retries after a timeout provisions once and reads the same answer again.
/// </summary>
public static class VehicleProvisioningApi
{
    /// <summary>What to provision. Unknown fields are refused, so a misspelt option is not silently dropped.</summary>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record ProvisionBody(int ModelReleaseId, ProvisionOptions? Options = null, bool ManagedSessionMode = false, bool PreservePin = false);

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record ProvisionOptions(bool HeatedSeats = false, bool HeatedGrips = false, bool StereoEnabled = false);

    /// <summary>A run that provisioned the vehicle; its identity file waits at <see cref="Identity"/> until <see cref="IdentityUntil"/>.</summary>
    public sealed record ProvisionAnswer(long RunId, string Vin, string Status, IReadOnlyList<StepReport> Steps, string Identity, DateTimeOffset IdentityUntil);

    public static IEndpointRouteBuilder MapVehicleProvisioningApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1/vehicles").WithDomainProblems().WithTags("Vehicles")
            .WithMetadata(Api.ApiBodyLimit.Metadata, new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute())
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithServerTiming();

        api.MapPut("/{vin}", async (string vin, ProvisionBody body, HttpContext context, PortalCurrentUser user, ProvisionVehicleForPickup provision) =>
            {
                user.UsePrincipal(context.User);
                var options = body.Options ?? new ProvisionOptions();
                var outcome = await provision.HandleAsync(new ProvisionRequest(vin, body.ModelReleaseId,
                    new VehicleOptions(options.HeatedSeats, options.HeatedGrips, options.StereoEnabled), body.ManagedSessionMode, body.PreservePin), context.RequestAborted);
                var run = outcome.Run;
                if (!run.Succeeded || outcome.IdentityUntil is not { } until)
                    return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Provisioning failed and was undone.",
                        detail: run.Error ?? "A provisioning step failed; every step done was undone. Send the request again to retry.",
                        extensions: new Dictionary<string, object?> { ["runId"] = run.RunId, ["steps"] = run.Steps });
                return Results.Ok(new ProvisionAnswer(run.RunId, run.Vin, run.Status, run.Steps, $"/api/v1/vehicles/{run.Vin}/identity", until));
            })
            .RequireAuthorization(Perm.VehicleProvision)
            .WithIdempotency()
            .WithName("ProvisionVehicle")
            .WithSummary("Provisions a vehicle (or re-provisions it, keeping its PIN with preservePin); the identity file is collected once from the answer's identity address.")
            .Produces<ProvisionAnswer>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.MapGet("/{vin}/identity", async (string vin, HttpContext context, PortalCurrentUser user, CollectVehicleIdentity collect) =>
            {
                user.UsePrincipal(context.User);
                var file = await collect.HandleAsync(vin, context.RequestAborted);
                context.Response.Headers.CacheControl = "no-store";
                return Results.Text(file, "application/json", System.Text.Encoding.UTF8);
            })
            .RequireAuthorization(Perm.VehicleProvision)
            .WithName("CollectVehicleIdentity")
            .WithSummary("The identity file of a vehicle this caller provisioned through the API, given out once within a day.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapDelete("/{vin}", async (string vin, HttpContext context, PortalCurrentUser user, UnprovisionVehicle unprovision) =>
            {
                user.UsePrincipal(context.User);
                await unprovision.HandleAsync(vin, context.RequestAborted);
                return Results.NoContent();
            })
            .RequireAuthorization(Perm.VehicleProvision)
            .WithName("UnprovisionVehicle")
            .WithSummary("Unprovisions a vehicle: its certificates are revoked and its records removed, as on its page.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
