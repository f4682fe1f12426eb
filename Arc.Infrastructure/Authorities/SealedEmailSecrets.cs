using Arc.Domain.Authorities;
using Arc.Domain.Email;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Arc.Infrastructure.Authorities;

/// <summary>The secrets of queued emails (invitation passwords, reset and confirmation codes).</summary>
internal sealed class SealedEmailSecrets(IDbContextFactory<ArcDbContext> contexts, SealedValueResealing resealing)
{
    public async Task<ResealCount> EmailsAsync(bool all, CancellationToken ct)
    {
        var tally = new ResealTally(SecretResealer.EmailSecrets);
        await SealPlainAsync(tally, ct);
        if (all)
            await ResealAsync(tally, ct);
        return tally.ToCount();
    }

    /// <summary>Emails queued before secrets were sealed still hold them in their variables.</summary>
    private async Task SealPlainAsync(ResealTally tally, CancellationToken ct)
    {
        var secrets = new OutboxSecrets(resealing.Vault);
        await using var db = await contexts.CreateDbContextAsync(ct);
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
    }

    private async Task ResealAsync(ResealTally tally, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var email in await db.Set<OutboxEmail>().AsNoTracking().Where(e => e.SealedSecrets != null)
                     .Select(e => new { e.Id, e.To, e.Template, e.SealedSecrets }).ToListAsync(ct))
        {
            if (await resealing.ResealTextAsync(tally, $"email {email.Id}", email.SealedSecrets!, SealContext.EmailSecrets(email.Template, email.To), all: true, ct)
                is not { } fresh)
                continue;
            var written = await db.Set<OutboxEmail>().Where(e => e.Id == email.Id && e.SealedSecrets == email.SealedSecrets)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.SealedSecrets, fresh), ct);
            tally.Written(written, fromPlain: false);
        }
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
}
