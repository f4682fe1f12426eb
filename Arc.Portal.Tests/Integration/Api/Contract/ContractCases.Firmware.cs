using System.Net.Http.Headers;
using Arc.Portal.Api;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Api.Contract;

/// <summary>The case of <c>POST /api/v1/firmware/releases</c>: the pipeline's manifest of one component with a new hash.</summary>
public static partial class ContractCases
{
    private const string FirmwareReleases = "api/v1/firmware/releases";

    private static Dictionary<string, ContractCase> FirmwareCases() => new()
    {
        ["RecordFirmwareRelease"] = new(RecordReleaseAsync,
            Errors(
                (400, Ready("POST", FirmwareReleases, "{}")),
                (413, _ => Task.FromResult(Manifest(new byte[ApiBodyLimit.MaxBytes + 1024], "application/json")
                    with
                { Headers = new Dictionary<string, string> { ["Expect"] = "100-continue" } })),
                (415, _ => Task.FromResult(Manifest(FirmwareTestData.FullManifest(DateTimeOffset.UtcNow, only: ["Comm Firmware"]), "text/plain"))),
                (422, KeyReused(RecordReleaseAsync, "{}"))),
            Shown((409, StillRunning))),
    };

    private static Task<ContractRequest> RecordReleaseAsync(ContractPortal portal) =>
        Task.FromResult(Manifest(FirmwareTestData.FullManifest(DateTimeOffset.UtcNow.AddHours(-1), only: ["Comm Firmware"]), "application/json")
            with
        { Headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() } });

    private static ContractRequest Manifest(byte[] body, string mediaType) => new(HttpMethod.Post, FirmwareReleases, Content: () =>
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    });
}
