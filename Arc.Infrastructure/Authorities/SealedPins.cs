using Arc.Domain.Authorities;
using Arc.Domain.ManagedSessions;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Arc.Infrastructure.Authorities;

/// <summary>
/// Factory PINs and managed-session PINs: text columns that may still hold a PIN written before PINs were sealed. There
/// can be one per vehicle, so they are read in batches.
/// </summary>
internal sealed class SealedPins(IDbContextFactory<ArcDbContext> contexts, SealedValueResealing resealing)
{
    private const int Batch = 500;

    public async Task<ResealCount> FactoryPinsAsync(bool all, CancellationToken ct)
    {
        var tally = new ResealTally(SecretResealer.FactoryPins);
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
                if (await resealing.ResealTextAsync(tally, pin.Vin, pin.Value, SealContext.FactoryPin(pin.Vin), all, ct) is not { } fresh)
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

    public async Task<ResealCount> ManagedPinsAsync(bool all, CancellationToken ct)
    {
        var tally = new ResealTally(SecretResealer.ManagedPins);
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
                if (await resealing.ResealTextAsync(tally, $"session {session.Id}", session.Pin, SealContext.ManagedPin(session.Vin), all, ct) is not { } fresh)
                    continue;
                var written = await db.Set<ManagedSession>().Where(s => s.Id == session.Id && s.Pin == session.Pin).ExecuteUpdateAsync(s => s.SetProperty(x => x.Pin, fresh), ct);
                tally.Written(written, fromPlain: !SealedSecret.IsSealedText(session.Pin));
            }
            after = batch[^1].Id;
        }
        return tally.ToCount();
    }
}
