using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Recalls;

/// <summary>One recorded release a remedy may name: the component, its hash, when it was committed and what its commit says.</summary>
public sealed record RemedyFirmwareChoice(string Component, string Hash, DateTimeOffset Released, string? Description);

/// <summary>
/// The firmware releases a remedy may name, newest first per component (permission recalls.recall.edit, which giving or
/// changing a remedy needs; reading the firmware pages' releases needs firmware.release-version.read, which a recall desk
/// need not hold). A release hosted by several part types is one choice. At most <see cref="PerComponent"/> per component.
/// </summary>
public sealed class ListRemedyFirmware(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public const int PerComponent = 50;

    public async Task<IReadOnlyList<RemedyFirmwareChoice>> HandleAsync(CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.RecallEdit, ct);
        await using var data = dataFactory.Open();
        var components = (await data.ListAsync(data.FirmwareComponents.Select(c => c.Component).Distinct(), ct)).ToHashSet(StringComparer.Ordinal);
        var releases = await data.ListAsync(data.FirmwareReleases.Select(r => new { r.Component, r.Hash, r.Committed, r.Created, r.Description, r.Id }), ct);
        return releases
            .Where(r => components.Contains(r.Component))
            .GroupBy(r => (r.Component, Hash: r.Hash.ToLowerInvariant()))
            .Select(g => g.OrderByDescending(r => r.Id).First())
            .GroupBy(r => r.Component, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .SelectMany(g => g.OrderByDescending(r => r.Committed ?? r.Created).ThenByDescending(r => r.Id).Take(PerComponent))
            .Select(r => new RemedyFirmwareChoice(r.Component, r.Hash, r.Committed ?? r.Created, r.Description))
            .ToList();
    }
}
