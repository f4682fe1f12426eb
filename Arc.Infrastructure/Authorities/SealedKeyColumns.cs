using Arc.Domain.Authorities;
using Arc.Domain.Provisioning;
using Arc.Domain.Users;
using Arc.Infrastructure.Persistence;
using Arc.Infrastructure.Provisioning;
using Microsoft.EntityFrameworkCore;

namespace Arc.Infrastructure.Authorities;

/// <summary>
/// The values that were sealed from the start, in a key-reference column beside a ciphertext column: authority private
/// keys, authenticator secrets, the local CA key and bulk identity files. Each row is written only if its ciphertext is
/// still the one read.
/// </summary>
internal sealed class SealedKeyColumns(IDbContextFactory<ArcDbContext> contexts, SealedValueResealing resealing)
{
    public async Task<ResealCount> AuthorityKeysAsync(CancellationToken ct)
    {
        var tally = new ResealTally(SecretResealer.AuthorityKeys);
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var a in await db.Set<Authority>().AsNoTracking().Select(a => new { a.Id, a.PublicKey, a.KeyReference, a.EncryptedPrivateKey }).ToListAsync(ct))
        {
            if (await resealing.ResealAsync(tally, $"authority {a.Id}", new SealedSecret(a.KeyReference, a.EncryptedPrivateKey),
                    SealContext.AuthorityKey(a.PublicKey), ct) is not { } fresh)
                continue;
            var written = await db.Set<Authority>().Where(x => x.Id == a.Id && x.EncryptedPrivateKey == a.EncryptedPrivateKey)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.KeyReference, fresh.KeyReference).SetProperty(x => x.EncryptedPrivateKey, fresh.Ciphertext), ct);
            tally.Written(written, fromPlain: false);
        }
        return tally.ToCount();
    }

    public async Task<ResealCount> TotpSecretsAsync(CancellationToken ct)
    {
        var tally = new ResealTally(SecretResealer.TotpSecrets);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var users = await db.Set<User>().AsNoTracking().Where(u => u.TotpCiphertext != null && u.TotpKeyReference != null)
            .Select(u => new { u.Username, u.TotpKeyReference, u.TotpCiphertext }).ToListAsync(ct);
        foreach (var u in users)
        {
            if (await resealing.ResealAsync(tally, $"user {u.Username}", new SealedSecret(u.TotpKeyReference!, u.TotpCiphertext!),
                    SealContext.Totp(u.Username), ct) is not { } fresh)
                continue;
            var written = await db.Set<User>().Where(x => x.Username == u.Username && x.TotpCiphertext == u.TotpCiphertext)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.TotpKeyReference, fresh.KeyReference).SetProperty(x => x.TotpCiphertext, fresh.Ciphertext), ct);
            tally.Written(written, fromPlain: false);
        }
        return tally.ToCount();
    }

    public async Task<ResealCount> LocalCaKeyAsync(CancellationToken ct)
    {
        var tally = new ResealTally(SecretResealer.LocalCaKey);
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var ca in await db.Set<StoredCertificateAuthority>().AsNoTracking().ToListAsync(ct))
        {
            if (await resealing.ResealAsync(tally, $"CA {ca.Id}", new SealedSecret(ca.KeyReference, ca.SealedKey), SealContext.LocalCaKey(ca.Id), ct)
                is not { } fresh)
                continue;
            var written = await db.Set<StoredCertificateAuthority>().Where(x => x.Id == ca.Id && x.SealedKey == ca.SealedKey)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.KeyReference, fresh.KeyReference).SetProperty(x => x.SealedKey, fresh.Ciphertext), ct);
            tally.Written(written, fromPlain: false);
        }
        return tally.ToCount();
    }

    public async Task<ResealCount> BulkIdentitiesAsync(CancellationToken ct)
    {
        var tally = new ResealTally(SecretResealer.BulkIdentities);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Set<BulkProvisioningRow>().AsNoTracking().Where(r => r.IdentityCiphertext != null && r.IdentityKeyReference != null)
            .Select(r => new { r.JobId, r.Line, r.IdentityKeyReference, r.IdentityCiphertext }).ToListAsync(ct);
        foreach (var r in rows)
        {
            if (await resealing.ResealAsync(tally, $"job {r.JobId} line {r.Line}", new SealedSecret(r.IdentityKeyReference!, r.IdentityCiphertext!),
                    SealContext.BulkIdentity(r.JobId, r.Line), ct) is not { } fresh)
                continue;
            var written = await db.Set<BulkProvisioningRow>().Where(x => x.JobId == r.JobId && x.Line == r.Line && x.IdentityCiphertext == r.IdentityCiphertext)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.IdentityKeyReference, fresh.KeyReference).SetProperty(x => x.IdentityCiphertext, fresh.Ciphertext), ct);
            tally.Written(written, fromPlain: false);
        }
        return tally.ToCount();
    }
}
