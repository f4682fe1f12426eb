using System.IO.Compression;
using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning;

public sealed record IdentityArchive(string FileName, byte[] Content, int Files);

/// <summary>
/// All identity files of a job as one zip archive, for its uploader only; every download is audited. The files stay
/// sealed in the database until the uploader discards them or they expire a day after the job finished.
/// </summary>
public sealed class DownloadBulkIdentities(IArcDataFactory dataFactory, ICurrentUser user, IKeyVault vault, AuditTrail audit) : IUseCase
{
    public async Task<IdentityArchive> HandleAsync(long jobId, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.VehicleProvision, ct);
        await using var data = dataFactory.Open();
        var job = await BulkJobs.OwnJobAsync(data, jobId, username, ct);
        var rows = await data.ListAsync(data.BulkProvisioningRows
            .Where(r => r.JobId == jobId && r.IdentityCiphertext != null).OrderBy(r => r.Line), ct);
        if (rows.Count == 0)
            throw new ConflictException(job.IdentitiesPurged is null
                ? "No vehicle of this job has been provisioned yet."
                : "The identity files of this job have been deleted.");
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                var plain = await vault.UnsealAsync(new SealedSecret(row.IdentityKeyReference!, row.IdentityCiphertext!), SealContext.BulkIdentity(row.JobId, row.Line), ct);
                var entry = zip.CreateEntry($"{row.Vin}.json", CompressionLevel.Optimal);
                await using var stream = entry.Open();
                await stream.WriteAsync(plain, ct);
                Array.Clear(plain);
            }
        }
        audit.Record(data, username, AuditActions.BulkProvisioningIdentitiesDownloaded, "bulk_provisioning",
            jobId.ToString(System.Globalization.CultureInfo.InvariantCulture), new { files = rows.Count });
        await data.SaveChangesAsync(ct);
        return new IdentityArchive($"identities-bulk-{jobId}.zip", buffer.ToArray(), rows.Count);
    }
}
