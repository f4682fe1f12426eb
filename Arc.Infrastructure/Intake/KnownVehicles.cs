using System.Collections.Concurrent;
using Arc.Domain.Intake;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Arc.Infrastructure.Intake;

/// <summary>
/// Which VINs are provisioned, remembered for a while so the intake asks the database once per batch for the VINs it
/// has not seen lately, never once per message. An unknown VIN is remembered briefly, so a vehicle provisioned a
/// moment ago is believed within seconds while a flood of unknown VINs costs one query per batch.
/// </summary>
public sealed class KnownVehicles(IDbContextFactory<ArcDbContext> contexts, TimeProvider time)
{
    private static readonly TimeSpan KnownFor = TimeSpan.FromMinutes(5), UnknownFor = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, (bool Known, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>The provisioned VINs among <paramref name="vins"/>, with the last-seen time the read model holds for those just looked up.</summary>
    public async Task<(IReadOnlySet<string> Known, IReadOnlyDictionary<string, DateTimeOffset> LastSeen)> LookupAsync(
        IReadOnlyCollection<string> vins, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var ask = new List<string>();
        foreach (var vin in vins)
        {
            if (_cache.TryGetValue(vin, out var entry) && entry.Until > now)
            {
                if (entry.Known)
                    known.Add(vin);
            }
            else
                ask.Add(vin);
        }
        var lastSeen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (ask.Count == 0)
            return (known, lastSeen);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.Set<Vehicle>().Where(v => ask.Contains(v.Vin)).Select(v => v.Vin).ToListAsync(ct);
        foreach (var row in await db.Set<IntakeVehicleStats>().Where(s => found.Contains(s.Vin) && s.LastSeen != null)
                     .Select(s => new { s.Vin, s.LastSeen }).ToListAsync(ct))
            lastSeen[row.Vin] = row.LastSeen!.Value;
        var foundSet = found.ToHashSet(StringComparer.Ordinal);
        foreach (var vin in ask)
        {
            var isKnown = foundSet.Contains(vin);
            _cache[vin] = (isKnown, now + (isKnown ? KnownFor : UnknownFor));
            if (isKnown)
                known.Add(vin);
        }
        if (_cache.Count > 200_000)
            Prune(now);
        return (known, lastSeen);
    }

    /// <summary>Forgets a VIN at once (it was just provisioned or unprovisioned on this node).</summary>
    public void Forget(string vin) => _cache.TryRemove(vin, out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (vin, entry) in _cache)
            if (entry.Until <= now)
                _cache.TryRemove(vin, out _);
    }
}
