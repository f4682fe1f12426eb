using System.Text.Json.Serialization;
using Arc.Domain.Common;
using Arc.Domain.Firmware;
using Arc.Domain.Permissions;
using Arc.Portal.Auth;
using Arc.Portal.Endpoints;

namespace Arc.Portal.Api;

/// <summary>
/// <c>POST /api/v1/firmware/releases</c>: the firmware pipeline records a release from its manifest (the old
/// <c>firmware_version_set_release_data</c>, now with a service credential and no repository credentials in the portal).
/// The body is the manifest itself, checked whole by <see cref="RecordFirmwareRelease"/> as the /firmware page's upload is:
/// any problem is a 400 listing every one, and nothing is recorded. Sending a manifest again changes nothing, and an
/// Idempotency-Key makes a retry answer exactly as the first call did.
/// </summary>
public static class FirmwareReleaseApi
{
    public sealed record RecordedAnswer(string? Commit, IReadOnlyList<RecordedComponent> Components)
    {
        /// <summary>The components this manifest released for the first time.</summary>
        [JsonPropertyName("released")]
        public IReadOnlyList<string> Released => Components.Where(c => c.New).Select(c => c.Component).ToList();
    }

    public static IEndpointRouteBuilder MapFirmwareReleaseApi(this IEndpointRouteBuilder endpoints)
    {
        var firmware = endpoints.MapApiGroup("/api/v1/firmware").WithTags("Firmware");
        firmware.MapPost("/releases", async (HttpContext context, PortalCurrentUser user, RecordFirmwareRelease record) =>
            {
                user.UsePrincipal(context.User);
                if (!string.Equals(context.Request.ContentType?.Split(';')[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
                    throw new BadHttpRequestException("Send the manifest as application/json.", StatusCodes.Status415UnsupportedMediaType);
                var manifest = await ReadAsync(context.Request);
                var recorded = await record.HandleAsync("api", manifest, context.RequestAborted);
                return TypedResults.Ok(new RecordedAnswer(recorded.RepositoryCommit, recorded.Components));
            })
            .RequireAuthorization(Perm.FirmwareReleaseRefresh)
            .WithIdempotency()
            .WithName("RecordFirmwareRelease")
            .WithSummary("Records a firmware release from the pipeline's manifest ({\"firmware\": {\"Repository\": {hash, author, date, message}, "
                + "\"<file>\": {hash, author, date, message, filename, name}}}); a manifest with any problem is refused whole (400) and nothing is recorded.")
            .Produces<RecordedAnswer>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return endpoints;
    }

    /// <summary>Reads the body whole; the route's size limit ends a larger one with 413 while it is read.</summary>
    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        if (copy.Length == 0)
            throw new ValidationFailedException(FirmwareManifest.Field, "Send the manifest as the body.");
        return copy.ToArray();
    }
}
