using Arc.Domain.Common;

namespace Arc.Domain.Tsbs;

/// <summary>Reads shared by the bulletin use cases: a bulletin's models by name and its recall by number.</summary>
public static class TsbReads
{
    public static async Task<IReadOnlyList<TsbView>> ViewsAsync(IArcData data, IReadOnlyList<Tsb> tsbs, CancellationToken ct)
    {
        var models = (await data.ListAsync(data.VehicleModels.Select(m => new { m.Id, m.ModelName }), ct)).ToDictionary(m => m.Id, m => m.ModelName);
        var recallIds = tsbs.Where(t => t.RecallId is not null).Select(t => t.RecallId!.Value).Distinct().ToList();
        var recalls = recallIds.Count == 0 ? []
            : (await data.ListAsync(data.Recalls.Where(r => recallIds.Contains(r.Id)).Select(r => new { r.Id, r.NhtsaNumber }), ct)).ToDictionary(r => r.Id, r => r.NhtsaNumber);
        return tsbs.Select(t => new TsbView(t, t.ModelIds.Select(id => models.GetValueOrDefault(id) ?? $"Model {id}").ToList(),
            t.RecallId is { } r ? recalls.GetValueOrDefault(r) : null)).ToList();
    }
}
