using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Firmware;

public sealed record RecordedComponent(string Component, string Hash, IReadOnlyList<string> PartTypes, bool New);

public sealed record FirmwareReleaseRecorded(string? RepositoryCommit, IReadOnlyList<RecordedComponent> Components);

/// <summary>
/// Records a firmware release from its manifest (firmware_version_set_release_data; permission
/// firmware.release-version.refresh, which the old pipeline's call had none of). Every component's hash joins the
/// deployed history and becomes a release of each part type that hosts it; a hash already released for a part type is
/// left as it was, so sending a manifest again changes nothing. The portal's upload page and the pipeline's endpoint
/// both call this.
/// </summary>
public sealed class RecordFirmwareRelease(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit, TimeProvider time) : IUseCase
{
    public async Task<FirmwareReleaseRecorded> HandleAsync(string? fileName, byte[] manifest, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.FirmwareReleaseRefresh, ct);
        await using var data = dataFactory.Open();
        var hosts = (await data.ListAsync(data.FirmwareComponents, ct)).ToLookup(h => h.Component, h => h.PartType, StringComparer.Ordinal);
        var known = hosts.Select(h => h.Key).Append(FirmwareCatalogue.DeployedFirmware).ToHashSet(StringComparer.Ordinal);
        var entries = FirmwareManifest.Parse(manifest, known);

        var components = entries.Select(e => e.Component).ToList();
        var hashes = entries.Select(e => e.Hash).ToList();
        var history = (await data.ListAsync(data.FirmwareVersions.Where(v => components.Contains(v.Component) && hashes.Contains(v.Hash)), ct))
            .Select(v => (v.Component, v.Hash)).ToHashSet();
        var released = (await data.ListAsync(data.FirmwareReleases.Where(r => components.Contains(r.Component) && hashes.Contains(r.Hash))
            .Select(r => new { r.PartType, r.Component, r.Hash }), ct)).Select(r => (r.PartType, r.Component, r.Hash)).ToHashSet();
        var now = time.GetUtcNow();
        var recorded = new List<RecordedComponent>();
        foreach (var entry in entries)
        {
            if (!history.Contains((entry.Component, entry.Hash)))
                data.Add(new FirmwareVersion { Component = entry.Component, Hash = entry.Hash, Created = entry.Committed });
            if (entry.Component == FirmwareCatalogue.DeployedFirmware)
                continue;
            var types = hosts[entry.Component].OrderBy(t => t, StringComparer.Ordinal).ToList();
            var isNew = false;
            foreach (var type in types.Where(t => !released.Contains((t, entry.Component, entry.Hash))))
            {
                data.Add(new FirmwareRelease
                {
                    PartType = type, Component = entry.Component, Hash = entry.Hash, Description = entry.Message, Author = entry.Author,
                    Committed = entry.Committed, Created = now,
                });
                isNew = true;
            }
            recorded.Add(new RecordedComponent(entry.Component, entry.Hash, types, isNew));
        }
        var commit = entries.FirstOrDefault(e => e.Component == FirmwareCatalogue.DeployedFirmware)?.Hash;
        recorded.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Component, b.Component));
        audit.Record(data, username, FirmwareAuditActions.ReleaseRecorded, FirmwareAuditActions.ReleaseEntity, commit ?? "manifest", new
        {
            file = fileName is { Length: > 100 } ? fileName[..100] : fileName,
            commit,
            released = recorded.Where(r => r.New).ToDictionary(r => r.Component, r => r.Hash),
            unchanged = recorded.Where(r => !r.New).Select(r => r.Component).ToList(),
        });
        await data.SaveChangesAsync(ct);
        return new FirmwareReleaseRecorded(commit, recorded);
    }
}
