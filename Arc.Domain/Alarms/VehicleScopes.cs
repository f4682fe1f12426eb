using Arc.Domain.Common;

namespace Arc.Domain.Alarms;

/// <summary>
/// The model and fleets of the vehicles the engine has seen lately, read once a minute per vehicle at most, so a rule
/// scoped to a model or fleet costs no query per sample.
/// </summary>
internal sealed class VehicleScopes(TimeProvider time, TimeSpan refresh)
{
    private sealed record Entry(int? ModelId, IReadOnlySet<int> Fleets, DateTimeOffset ReadAt);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task LoadAsync(IArcDataFactory dataFactory, IReadOnlyList<string> vins, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stale = vins.Where(v => !_entries.TryGetValue(v, out var e) || now - e.ReadAt > refresh).ToList();
        if (stale.Count == 0)
            return;
        await using var data = dataFactory.Open();
        var models = await data.ListAsync(data.Vehicles.Where(v => stale.Contains(v.Vin)).Select(v => new { v.Vin, ModelId = v.ModelRelease!.ModelId }), ct);
        var fleets = await data.ListAsync(data.FleetVehicles.Where(fv => stale.Contains(fv.Vin)), ct);
        foreach (var vin in stale)
        {
            _entries[vin] = new Entry(models.FirstOrDefault(m => m.Vin == vin)?.ModelId,
                fleets.Where(f => f.Vin == vin).Select(f => f.FleetId).ToHashSet(), now);
        }
    }

    public bool Covers(AlarmRule rule, string vin) => rule.Scope switch
    {
        AlarmScopes.All => true,
        AlarmScopes.Model => _entries.TryGetValue(vin, out var e) && e.ModelId == rule.ScopeId,
        AlarmScopes.Fleet => _entries.TryGetValue(vin, out var e) && rule.ScopeId is { } id && e.Fleets.Contains(id),
        _ => false,
    };
}
