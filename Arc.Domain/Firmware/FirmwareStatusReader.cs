using System.Text.Json.Nodes;
using Arc.Domain.Common;

namespace Arc.Domain.Firmware;

/// <summary>Reads what <see cref="FirmwareStatus.Evaluate"/> needs, for one vehicle or for the whole fleet, in a few queries.</summary>
public static class FirmwareStatusReader
{
    public sealed record Catalogue(IReadOnlyList<(string PartType, string Component)> Hosts, IReadOnlyDictionary<string, FirmwareRelease> Current,
        IReadOnlyList<FirmwareVersion> History);

    public static async Task<Catalogue> CatalogueAsync(IArcData data, CancellationToken ct)
    {
        var hosts = (await data.ListAsync(data.FirmwareComponents.Select(c => new { c.PartType, c.Component }), ct)).Select(h => (h.PartType, h.Component)).ToList();
        var releases = await data.ListAsync(data.FirmwareReleases, ct);
        var comm = GovernorRule.CommComponents.ToList();
        var history = await data.ListAsync(data.FirmwareVersions.Where(v => comm.Contains(v.Component)), ct);
        return new Catalogue(hosts, FirmwareCatalogue.CurrentReleases(releases), history);
    }

    /// <summary>The facts of the given vehicles (all vehicles when <paramref name="vins"/> is null), without reported state.</summary>
    public static async Task<List<VehicleFirmwareFacts>> FactsAsync(IArcData data, IReadOnlyCollection<string>? vins, CancellationToken ct)
    {
        var vehicles = data.Vehicles.AsQueryable();
        if (vins is not null)
            vehicles = vehicles.Where(v => vins.Contains(v.Vin));
        var heads = await data.ListAsync(vehicles.OrderBy(v => v.Vin).Select(v => new { v.Vin, v.ModelReleaseId }), ct);
        var releaseIds = heads.Where(h => h.ModelReleaseId != null).Select(h => h.ModelReleaseId!.Value).Distinct().ToList();
        var bills = (await data.ListAsync(data.ModelParts.Where(p => releaseIds.Contains(p.ModelReleaseId)), ct)).ToLookup(p => p.ModelReleaseId);
        var selected = vins is null ? data.PartsInstalled : data.PartsInstalled.Where(p => vins.Contains(p.Vin));
        var installedParts = (await data.ListAsync(selected, ct)).ToLookup(p => p.Vin);
        var firmware = vins is null ? data.VehicleFirmware : data.VehicleFirmware.Where(f => vins.Contains(f.Vin));
        var records = (await data.ListAsync(firmware.Select(f => new { Row = f, f.Release }), ct))
            .Select(r => { r.Row.Release = r.Release; return r.Row; }).ToLookup(f => f.Vin);
        return heads.Select(h =>
        {
            // The release's bill says which parts a vehicle has; a part recorded as installed overrides its type's number.
            var parts = new Dictionary<string, string>(StringComparer.Ordinal);
            if (h.ModelReleaseId is { } id)
                foreach (var part in bills[id])
                    parts[part.PartType] = part.PartNumber;
            foreach (var part in installedParts[h.Vin])
                parts[part.PartType] = part.PartNumber;
            return new VehicleFirmwareFacts(h.Vin, h.ModelReleaseId, parts, records[h.Vin].ToList(), new Dictionary<string, string>());
        }).ToList();
    }

    /// <summary>The component hashes a vehicle reports in its shadow's <c>reported.firmware</c> object, under canonical names.</summary>
    public static IReadOnlyDictionary<string, string> Reported(JsonObject? reported)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reported?["firmware"] is not JsonObject firmware)
            return result;
        foreach (var (name, value) in firmware)
            if (value is JsonValue v && v.TryGetValue<string>(out var hash) && hash.Length is > 0 and <= 64)
                result[FirmwareCatalogue.Canonical(name)] = hash;
        return result;
    }
}
