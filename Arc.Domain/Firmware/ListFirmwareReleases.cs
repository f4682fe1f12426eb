using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Firmware;

public sealed record FirmwareReleaseRow(int Id, string PartType, string Component, string Hash, string? Description, string? Author,
    DateTimeOffset? Committed, DateTimeOffset Created, bool Current);

public sealed record FirmwareHost(string PartType, string Component);

public sealed record FirmwareReleases(IReadOnlyList<FirmwareReleaseRow> Current, IReadOnlyList<FirmwareReleaseRow> Recent, IReadOnlyList<FirmwareHost> Hosts);

/// <summary>
/// The current release of every component (firmware_version_get), the most recent releases and which part types host
/// which component (vehicles_firmware_components_list); needs firmware.release-version.read.
/// </summary>
public sealed class ListFirmwareReleases(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public const int RecentCount = 100;

    public async Task<FirmwareReleases> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.FirmwareReleaseRead, ct);
        await using var data = dataFactory.Open();
        var releases = await data.ListAsync(data.FirmwareReleases, ct);
        var current = FirmwareCatalogue.CurrentReleases(releases);
        var currentIds = current.Values.Select(r => r.Id).ToHashSet();
        FirmwareReleaseRow Row(FirmwareRelease r) =>
            new(r.Id, r.PartType, r.Component, r.Hash, r.Description, r.Author, r.Committed, r.Created, currentIds.Contains(r.Id));
        var hosts = await data.ListAsync(data.FirmwareComponents.OrderBy(c => c.Component).ThenBy(c => c.PartType)
            .Select(c => new FirmwareHost(c.PartType, c.Component)), ct);
        return new FirmwareReleases(
            current.Values.OrderBy(r => r.Component, StringComparer.OrdinalIgnoreCase).Select(Row).ToList(),
            releases.OrderByDescending(r => r.Created).ThenByDescending(r => r.Id).Take(RecentCount).Select(Row).ToList(),
            hosts);
    }
}
