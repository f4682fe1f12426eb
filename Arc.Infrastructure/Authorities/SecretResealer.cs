using System.Xml.Linq;
using Arc.Domain.Authorities;
using Arc.Domain.Email;
using Arc.Domain.ManagedSessions;
using Arc.Domain.Provisioning;
using Arc.Domain.Users;
using Arc.Infrastructure.Persistence;
using Arc.Infrastructure.Provisioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Arc.Infrastructure.Authorities;

/// <summary>What one pass did to one kind of sealed value.</summary>
/// <param name="SealedFromPlain">Values stored plain (written before they were sealed) that are sealed now.</param>
/// <param name="Resealed">Sealed values moved to the vault's current key and bound to their context.</param>
/// <param name="Current">Values already sealed with the current key.</param>
/// <param name="Failed">Values that did not open (changed, copied from another row, or sealed with a key not configured).</param>
public sealed record ResealCount(string Kind, int Examined, int SealedFromPlain, int Resealed, int Current, int Failed);

/// <summary>
/// Brings the sealed values of the database up to date. At every start-up it seals what is still stored plain
/// (factory PINs, managed-session PINs, secrets of queued emails); the reseal command also re-seals every sealed value
/// under the vault's current master key, so an old key can be retired. Each row is written only if it still holds what
/// was read, so a value changed meanwhile by a running portal is left as that portal wrote it. Safe to run again.
/// </summary>
public sealed partial class SecretResealer(IDbContextFactory<ArcDbContext> contexts, IKeyVault vault, ILogger<SecretResealer> logger)
{
    public const string AuthorityKeys = "authority private keys";
    public const string TotpSecrets = "authenticator secrets";
    public const string LocalCaKey = "local CA key";
    public const string BulkIdentities = "bulk identity files";
    public const string FactoryPins = "factory PINs";
    public const string ManagedPins = "managed-session PINs";
    public const string EmailSecrets = "email secrets";
    public const string DataProtectionKeys = "data-protection keys";

    private const int Batch = 500;

    /// <summary>Seals the values still stored plain; what is sealed already is left as it is.</summary>
    public async Task<IReadOnlyList<ResealCount>> SealPlainValuesAsync(CancellationToken ct = default)
    {
        IReadOnlyList<ResealCount> counts = [await FactoryPinsAsync(all: false, ct), await ManagedPinsAsync(all: false, ct), await EmailsAsync(all: false, ct)];
        foreach (var count in counts.Where(c => c.SealedFromPlain > 0 || c.Failed > 0))
            LogPass(logger, count.Kind, count.SealedFromPlain, count.Resealed, count.Failed);
        return counts;
    }

    /// <summary>Re-seals every sealed value in the database under the vault's current key, and seals what is still plain.</summary>
    public async Task<IReadOnlyList<ResealCount>> ResealAllAsync(CancellationToken ct = default)
    {
        IReadOnlyList<ResealCount> counts =
        [
            await AuthorityKeysAsync(ct), await TotpSecretsAsync(ct), await LocalCaKeyAsync(ct), await BulkIdentitiesAsync(ct),
            await FactoryPinsAsync(all: true, ct), await ManagedPinsAsync(all: true, ct), await EmailsAsync(all: true, ct), await DataProtectionKeysAsync(ct),
        ];
        foreach (var count in counts)
            LogPass(logger, count.Kind, count.SealedFromPlain, count.Resealed, count.Failed);
        return counts;
    }

    private sealed class Tally(string kind)
    {
        public int Examined, SealedFromPlain, Resealed, Current, Failed;

        public ResealCount ToCount() => new(kind, Examined, SealedFromPlain, Resealed, Current, Failed);

        /// <summary>Counts a conditional write; a row changed since it was read was written by a portal sealing with the current key.</summary>
        public void Written(int rows, bool fromPlain)
        {
            if (rows == 0)
                Current++;
            else if (fromPlain)
                SealedFromPlain++;
            else
                Resealed++;
        }
    }

    /// <summary>Opens a value and seals it again under the current key; null (counted) when it is current or does not open.</summary>
    private async Task<SealedSecret?> ResealAsync(Tally tally, string kind, string row, SealedSecret old, SealContext context, CancellationToken ct)
    {
        tally.Examined++;
        if (vault.IsCurrent(old))
        {
            tally.Current++;
            return null;
        }
        byte[] plain;
        try
        {
            plain = await vault.UnsealAsync(old, context, ct);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or InvalidOperationException or FormatException)
        {
            tally.Failed++;
            LogUnopened(logger, kind, row, e.Message);
            return null;
        }
        try
        {
            return await vault.SealAsync(plain, context, old.KeyReference, ct);
        }
        finally
        {
            Array.Clear(plain);
        }
    }

    private async Task<ResealCount> AuthorityKeysAsync(CancellationToken ct)
    {
        var tally = new Tally(AuthorityKeys);
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var a in await db.Set<Authority>().AsNoTracking().Select(a => new { a.Id, a.PublicKey, a.KeyReference, a.EncryptedPrivateKey }).ToListAsync(ct))
        {
            if (await ResealAsync(tally, AuthorityKeys, $"authority {a.Id}", new SealedSecret(a.KeyReference, a.EncryptedPrivateKey),
                    SealContext.AuthorityKey(a.PublicKey), ct) is not { } fresh)
                continue;
            var written = await db.Set<Authority>().Where(x => x.Id == a.Id && x.EncryptedPrivateKey == a.EncryptedPrivateKey)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.KeyReference, fresh.KeyReference).SetProperty(x => x.EncryptedPrivateKey, fresh.Ciphertext), ct);
            tally.Written(written, fromPlain: false);
        }
        return tally.ToCount();
    }

    private async Task<ResealCount> TotpSecretsAsync(CancellationToken ct)
    {
        var tally = new Tally(TotpSecrets);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var users = await db.Set<User>().AsNoTracking().Where(u => u.TotpCiphertext != null && u.TotpKeyReference != null)
            .Select(u => new { u.Username, u.TotpKeyReference, u.TotpCiphertext }).ToListAsync(ct);
        foreach (var u in users)
        {
            if (await ResealAsync(tally, TotpSecrets, $"user {u.Username}", new SealedSecret(u.TotpKeyReference!, u.TotpCiphertext!),
                    SealContext.Totp(u.Username), ct) is not { } fresh)
                continue;
            var written = await db.Set<User>().Where(x => x.Username == u.Username && x.TotpCiphertext == u.TotpCiphertext)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.TotpKeyReference, fresh.KeyReference).SetProperty(x => x.TotpCiphertext, fresh.Ciphertext), ct);
            tally.Written(written, fromPlain: false);
        }
        return tally.ToCount();
    }

    private async Task<ResealCount> LocalCaKeyAsync(CancellationToken ct)
    {
        var tally = new Tally(LocalCaKey);
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var ca in await db.Set<StoredCertificateAuthority>().AsNoTracking().ToListAsync(ct))
        {
            if (await ResealAsync(tally, LocalCaKey, $"CA {ca.Id}", new SealedSecret(ca.KeyReference, ca.SealedKey), SealContext.LocalCaKey(ca.Id), ct)
                is not { } fresh)
                continue;
            var written = await db.Set<StoredCertificateAuthority>().Where(x => x.Id == ca.Id && x.SealedKey == ca.SealedKey)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.KeyReference, fresh.KeyReference).SetProperty(x => x.SealedKey, fresh.Ciphertext), ct);
            tally.Written(written, fromPlain: false);
        }
        return tally.ToCount();
    }

    private async Task<ResealCount> BulkIdentitiesAsync(CancellationToken ct)
    {
        var tally = new Tally(BulkIdentities);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Set<BulkProvisioningRow>().AsNoTracking().Where(r => r.IdentityCiphertext != null && r.IdentityKeyReference != null)
            .Select(r => new { r.JobId, r.Line, r.IdentityKeyReference, r.IdentityCiphertext }).ToListAsync(ct);
        foreach (var r in rows)
        {
            if (await ResealAsync(tally, BulkIdentities, $"job {r.JobId} line {r.Line}", new SealedSecret(r.IdentityKeyReference!, r.IdentityCiphertext!),
                    SealContext.BulkIdentity(r.JobId, r.Line), ct) is not { } fresh)
                continue;
            var written = await db.Set<BulkProvisioningRow>().Where(x => x.JobId == r.JobId && x.Line == r.Line && x.IdentityCiphertext == r.IdentityCiphertext)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.IdentityKeyReference, fresh.KeyReference).SetProperty(x => x.IdentityCiphertext, fresh.Ciphertext), ct);
            tally.Written(written, fromPlain: false);
        }
        return tally.ToCount();
    }

    /// <summary>A text column holding a sealed value, or a plain one written before values were sealed.</summary>
    private async Task<string?> ResealTextAsync(Tally tally, string kind, string row, string stored, SealContext context, bool all, CancellationToken ct)
    {
        if (SealedSecret.IsSealedText(stored))
        {
            if (!all)
                return null;
            SealedSecret old;
            try
            {
                old = SealedSecret.FromText(stored);
            }
            catch (FormatException e)
            {
                tally.Examined++;
                tally.Failed++;
                LogUnopened(logger, kind, row, e.Message);
                return null;
            }
            return (await ResealAsync(tally, kind, row, old, context, ct))?.ToText();
        }
        tally.Examined++;
        return await vault.SealTextAsync(stored, context, ct);
    }

    private async Task<ResealCount> FactoryPinsAsync(bool all, CancellationToken ct)
    {
        var tally = new Tally(FactoryPins);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var pins = db.Set<AuthorityVehicleMeta>().AsNoTracking().Where(m => m.Section == AuthorityVehicleMeta.PinSection && m.Key == AuthorityVehicleMeta.FactoryPinKey);
        if (!all)
            pins = pins.Where(m => !m.Value.StartsWith(SealedSecret.TextPrefix));
        var after = "";
        while (true)
        {
            var last = after;
            var batch = await pins.Where(m => string.Compare(m.Vin, last) > 0).OrderBy(m => m.Vin).Select(m => new { m.Vin, m.Value }).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0)
                break;
            foreach (var pin in batch)
            {
                if (await ResealTextAsync(tally, FactoryPins, pin.Vin, pin.Value, SealContext.FactoryPin(pin.Vin), all, ct) is not { } fresh)
                    continue;
                var written = await db.Set<AuthorityVehicleMeta>().Where(m => m.Vin == pin.Vin && m.Section == AuthorityVehicleMeta.PinSection
                        && m.Key == AuthorityVehicleMeta.FactoryPinKey && m.Value == pin.Value)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Value, fresh), ct);
                tally.Written(written, fromPlain: !SealedSecret.IsSealedText(pin.Value));
            }
            after = batch[^1].Vin;
        }
        return tally.ToCount();
    }

    private async Task<ResealCount> ManagedPinsAsync(bool all, CancellationToken ct)
    {
        var tally = new Tally(ManagedPins);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sessions = db.Set<ManagedSession>().AsNoTracking().AsQueryable();
        if (!all)
            sessions = sessions.Where(s => !s.Pin.StartsWith(SealedSecret.TextPrefix));
        var after = 0;
        while (true)
        {
            var last = after;
            var batch = await sessions.Where(s => s.Id > last).OrderBy(s => s.Id).Select(s => new { s.Id, s.Vin, s.Pin }).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0)
                break;
            foreach (var session in batch)
            {
                if (await ResealTextAsync(tally, ManagedPins, $"session {session.Id}", session.Pin, SealContext.ManagedPin(session.Vin), all, ct) is not { } fresh)
                    continue;
                var written = await db.Set<ManagedSession>().Where(s => s.Id == session.Id && s.Pin == session.Pin).ExecuteUpdateAsync(s => s.SetProperty(x => x.Pin, fresh), ct);
                tally.Written(written, fromPlain: !SealedSecret.IsSealedText(session.Pin));
            }
            after = batch[^1].Id;
        }
        return tally.ToCount();
    }

    private async Task<ResealCount> EmailsAsync(bool all, CancellationToken ct)
    {
        var tally = new Tally(EmailSecrets);
        var secrets = new OutboxSecrets(vault);
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Emails queued before secrets were sealed still hold them in their variables.
        var plain = await db.Database.SqlQueryRaw<long>(PlainEmailsSql()).ToListAsync(ct);
        foreach (var id in plain)
        {
            await using var one = await contexts.CreateDbContextAsync(ct);
            var email = await one.Set<OutboxEmail>().SingleAsync(e => e.Id == id, ct);
            if (!await secrets.ProtectStoredAsync(email, ct))
                continue;
            tally.Examined++;
            try
            {
                await one.SaveChangesAsync(ct);
                tally.SealedFromPlain++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Delivered meanwhile; the next pass looks at it again.
                tally.Failed++;
            }
        }
        if (!all)
            return tally.ToCount();
        foreach (var email in await db.Set<OutboxEmail>().AsNoTracking().Where(e => e.SealedSecrets != null)
                     .Select(e => new { e.Id, e.To, e.Template, e.SealedSecrets }).ToListAsync(ct))
        {
            if (await ResealTextAsync(tally, EmailSecrets, $"email {email.Id}", email.SealedSecrets!, SealContext.EmailSecrets(email.Template, email.To), all, ct)
                is not { } fresh)
                continue;
            var written = await db.Set<OutboxEmail>().Where(e => e.Id == email.Id && e.SealedSecrets == email.SealedSecrets)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.SealedSecrets, fresh), ct);
            tally.Written(written, fromPlain: false);
        }
        return tally.ToCount();
    }

    /// <summary>Sensitive emails without sealed secrets whose variables still hold a secret that is not a marker.</summary>
    private static string PlainEmailsSql()
    {
        var names = new[] { EmailTemplates.UserInvitation, EmailTemplates.PasswordReset, EmailTemplates.EmailChangeCode }
            .SelectMany(EmailTemplates.SecretVariables).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        // The names are constants of EmailTemplates (letters only), never input.
        var conditions = string.Join(" OR ", names.Select(n => $"(data ->> '{n}' IS NOT NULL AND data ->> '{n}' <> '' AND data ->> '{n}' NOT LIKE '[secret:%')"));
        return $"SELECT id AS \"Value\" FROM mail.outbox_email WHERE sensitive AND sealed_secrets IS NULL AND ({conditions}) ORDER BY id";
    }

    private async Task<ResealCount> DataProtectionKeysAsync(CancellationToken ct)
    {
        var tally = new Tally(DataProtectionKeys);
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var key in await db.DataProtectionKeys.AsNoTracking().ToListAsync(ct))
        {
            if (key.Xml is null)
                continue;
            var document = XElement.Parse(key.Xml);
            var changed = 0;
            foreach (var element in document.Descendants(SealedXml.ElementName).ToList())
            {
                SealedSecret old;
                try
                {
                    old = SealedXml.FromElement(element);
                }
                catch (Exception e) when (e is InvalidOperationException or FormatException)
                {
                    tally.Examined++;
                    tally.Failed++;
                    LogUnopened(logger, DataProtectionKeys, $"key {key.FriendlyName}", e.Message);
                    continue;
                }
                if (await ResealAsync(tally, DataProtectionKeys, $"key {key.FriendlyName}", old, SealContext.DataProtection, ct) is not { } fresh)
                    continue;
                element.ReplaceWith(SealedXml.ToElement(fresh));
                changed++;
            }
            if (changed == 0)
                continue;
            var xml = document.ToString(SaveOptions.DisableFormatting);
            var written = await db.DataProtectionKeys.Where(k => k.Id == key.Id && k.Xml == key.Xml).ExecuteUpdateAsync(s => s.SetProperty(k => k.Xml, xml), ct);
            for (var i = 0; i < changed; i++)
                tally.Written(written, fromPlain: false);
        }
        return tally.ToCount();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed values, {Kind}: {SealedFromPlain} sealed from plain, {Resealed} re-sealed, {Failed} did not open")]
    private static partial void LogPass(ILogger logger, string kind, int sealedFromPlain, int resealed, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sealed value ({Kind}, {Row}) did not open and was left as it is: {Reason}")]
    private static partial void LogUnopened(ILogger logger, string kind, string row, string reason);
}
