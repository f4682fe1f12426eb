using Arc.Domain.Fleets;
using Arc.Domain.Models;

namespace Arc.Infrastructure.Seeding;

/// <summary>
/// The reference rows the old system's migrations seeded (spec/backend.md §2.2), including those it only had in
/// its live database (§11 #21): the FUV platform, the seven models, the part types, the 22 model releases with
/// their bills of parts, and fleet 1.
/// </summary>
public static class ReferenceData
{
    public static readonly DateTimeOffset Epoch = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static VehiclePlatform Platform { get; } = new() { Id = 1, PlatformName = "FUV 1.0", Description = "Original manufactured platform", Created = Epoch };

    public static IReadOnlyList<VehicleModel> Models { get; } =
    [
        Model(1, "FUV", "T", "Fun Utility Vehicle, dual seats"),
        Model(2, "Camera Car", "C", "Camera car"),
        Model(3, "Deliverator", "D", "Delivery vehicle"),
        Model(4, "Rapid Responder", "E", "Emergency responder"),
        Model(5, "Responderator", "F", "Responder utility"),
        Model(6, "Roadster", "R", "Roadster"),
        Model(7, "Flatbed", "B", "Flatbed (2023)"),
    ];

    public static IReadOnlyList<string> PartTypes { get; } =
    [
        "BMS", "Charger", "Comm", "Display", "EPSU", "H Bridge", "Inverters (legacy)", "Inverter - Left", "Inverter - Right",
        "IO Front", "IO Rear", "KERS Sensor", "LV", "VCU",
    ];

    /// <summary>Part types kept for old releases that new releases no longer list.</summary>
    public static IReadOnlySet<string> RetiredPartTypes { get; } = new HashSet<string> { "Inverters (legacy)" };

    private static readonly Dictionary<string, string> Common = new()
    {
        ["BMS"] = "001052", ["Charger"] = "001940", ["Comm"] = "004280", ["Display"] = "004280", ["EPSU"] = "001960",
        ["H Bridge"] = "003223", ["IO Front"] = "003225", ["IO Rear"] = "003224", ["LV"] = "004313", ["VCU"] = "003222",
    };

    private static Dictionary<string, string> OriginalParts() =>
        new(Common) { ["Inverters (legacy)"] = "004085", ["KERS Sensor"] = "001325" };

    private static Dictionary<string, string> KersParts(string kersSensor) =>
        new(Common) { ["Inverter - Left"] = "004085", ["Inverter - Right"] = "004085", ["KERS Sensor"] = kersSensor };

    /// <summary>Releases 1-22 in the order the migrations created them, each with its part numbers.</summary>
    public static IReadOnlyList<(ModelRelease Release, IReadOnlyDictionary<string, string> Parts)> Releases { get; } = BuildReleases();

    public static Fleet MakerFleet { get; } = new() { Id = Fleet.MakerFleetId, Name = "Arcimoto" };

    private static List<(ModelRelease, IReadOnlyDictionary<string, string>)> BuildReleases()
    {
        var list = new List<(ModelRelease, IReadOnlyDictionary<string, string>)>();
        var id = 1;
        foreach (var model in Models.Where(m => m.Id <= 6))
        {
            list.Add((Release(id++, $"{model.ModelName}: Original Manufactured", model.Id), OriginalParts()));
            list.Add((Release(id++, $"{model.ModelName}: Discoboard", model.Id), OriginalParts()));
            list.Add((Release(id++, $"{model.ModelName}: KERS Sensor", model.Id), KersParts("001412")));
        }
        list.Add((Release(id++, "Flatbed: Original Manufactured", 7), OriginalParts()));
        list.Add((Release(id++, "Flatbed: Discoboard", 7), OriginalParts()));
        list.Add((Release(id++, "Flatbed: KERS w/o DISCO Board", 7), KersParts("001325")));
        list.Add((Release(id, "Flatbed: KERS Sensor", 7), KersParts("001412")));
        return list;
    }

    private static VehicleModel Model(int id, string name, string letter, string description) =>
        new() { Id = id, ModelName = name, LetterCode = letter, PlatformId = 1, Description = description, Created = Epoch };

    private static ModelRelease Release(int id, string description, int modelId) =>
        new() { ModelReleaseId = id, Description = description, ModelId = modelId, Created = Epoch.AddDays(id) };
}
