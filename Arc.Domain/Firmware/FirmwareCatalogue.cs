namespace Arc.Domain.Firmware;

/// <summary>
/// The firmware names of spec/backend.md §1.5: the file each component is deployed as, the part types that host each
/// component, and the part-specific variants (the Discoboard Comm, the inverter profile that follows the KERS sensor).
/// </summary>
public static class FirmwareCatalogue
{
    /// <summary>The repository commit itself, listed in a manifest but hosted by no part.</summary>
    public const string DeployedFirmware = "Deployed Firmware";
    /// <summary>Deployed with the others but tracked nowhere, as the old pipeline skipped it.</summary>
    public const string ChargerFirmware = "Charger Firmware";
    public const string CommFirmware = "Comm Firmware";
    public const string CommBootloader = "Comm Bootloader";
    public const string InverterProfileLeft = "Inverter Profile - Left";
    public const string DiscoboardCommPart = "004280";
    public const string KersSensorType = "KERS Sensor";
    public const string CommType = "Comm";

    /// <summary>Deployed file names and the component each one is.</summary>
    public static IReadOnlyDictionary<string, string> Files { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["BMS Firmware.o2bx"] = "BMS Firmware", ["BMS Profile.o2bms"] = "BMS Profile", ["Comm Bootloader.dfu"] = CommBootloader,
        ["Comm Firmware.dfu"] = CommFirmware, ["Display Bootloader.dfu"] = "Display Bootloader", ["Display Firmware.dfu"] = "Display Firmware",
        ["EPSU Application.hex"] = "EPSU Application", ["EPSU Firmware.hex"] = "EPSU Firmware", ["EPSU Profile.cal"] = "EPSU Profile",
        ["Front IO Firmware.s19"] = "IO Firmware - Front", ["H Bridge Firmware.s19"] = "H Bridge Firmware",
        ["Inverter Profile Left.clon"] = InverterProfileLeft, ["Inverter Profile Right.clon"] = "Inverter Profile - Right",
        ["LV Bootloader.dfu"] = "LV Bootloader", ["LV Firmware.dfu"] = "LV Firmware", ["Rear IO Firmware.s19"] = "IO Firmware - Rear",
        ["VCU Firmware.srec"] = "VCU Firmware", ["Comm Option Bytes.dfu"] = "Comm Option Bytes", ["Display Option Bytes.dfu"] = "Display Option Bytes",
        ["LV Option Bytes.dfu"] = "LV Option Bytes",
    };

    /// <summary>The IO firmware is tracked under the profile names the part-type table uses.</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["IO Firmware - Front"] = "IO Front Profile",
        ["IO Firmware - Rear"] = "IO Rear Profile",
    };

    /// <summary>The component a name in a manifest or a vehicle's report stands for (IO firmware under its profile name).</summary>
    public static string Canonical(string name) => Renamed.GetValueOrDefault(name, name);

    /// <summary>The component a deployed file is, or null for a file the catalogue does not know.</summary>
    public static string? ComponentOfFile(string fileName) =>
        Files.TryGetValue(fileName, out var component) ? component
        : fileName.StartsWith("TAUSYS_SY_AM2.", StringComparison.OrdinalIgnoreCase) ? "Inverter Firmware" : null;

    /// <summary>Which part types host which components, as seeded into <c>firmware_components</c>.</summary>
    public static IReadOnlyList<(string PartType, string Component)> DefaultHosts { get; } =
    [
        ("BMS", "BMS Firmware"), ("BMS", "BMS Profile"),
        ("Comm", CommBootloader), ("Comm", CommFirmware), ("Comm", "Comm Option Bytes"),
        ("Comm", "004280 Comm Bootloader"), ("Comm", "004280 Comm Firmware"),
        ("Display", "Display Bootloader"), ("Display", "Display Firmware"), ("Display", "Display Option Bytes"),
        ("EPSU", "EPSU Application"), ("EPSU", "EPSU Firmware"), ("EPSU", "EPSU Profile"),
        ("H Bridge", "H Bridge Firmware"),
        ("Inverters (legacy)", "Inverter Firmware"), ("Inverters (legacy)", InverterProfileLeft), ("Inverters (legacy)", "001325 Inverter Profile Left"),
        ("Inverter - Left", "Inverter Firmware"), ("Inverter - Left", InverterProfileLeft),
        ("Inverter - Left", "001325 Inverter Profile Left"), ("Inverter - Left", "001412 Inverter Profile Left"),
        ("Inverter - Right", "Inverter Firmware"), ("Inverter - Right", "Inverter Profile - Right"),
        ("IO Front", "IO Front Profile"), ("IO Rear", "IO Rear Profile"),
        ("LV", "LV Bootloader"), ("LV", "LV Firmware"), ("LV", "LV Option Bytes"),
        ("VCU", "VCU Firmware"),
    ];

    /// <summary>
    /// True for a part-specific variant ("004280 Comm Firmware", "001412 Inverter Profile Left"): it is released on its
    /// own but a vehicle shows it under the general component it stands in for.
    /// </summary>
    public static bool IsVariant(string component) =>
        component.Length > 7 && component[6] == ' ' && component[..6].All(char.IsAsciiLetterOrDigit);

    /// <summary>
    /// The release a vehicle with these parts must run for a general component: the Discoboard's Comm firmware when its
    /// Comm part is 004280, the left inverter profile made for its KERS sensor part, else the component itself.
    /// </summary>
    public static string VariantFor(string component, IReadOnlyDictionary<string, string> partsByType)
    {
        if (component is CommFirmware or CommBootloader && partsByType.GetValueOrDefault(CommType) == DiscoboardCommPart)
            return $"{DiscoboardCommPart} {component}";
        if (component == InverterProfileLeft && partsByType.TryGetValue(KersSensorType, out var kers))
            return $"{kers} Inverter Profile Left";
        return component;
    }

    /// <summary>The current release of each component: its newest release, the highest id among equally new ones.</summary>
    public static IReadOnlyDictionary<string, FirmwareRelease> CurrentReleases(IEnumerable<FirmwareRelease> releases) =>
        releases.GroupBy(r => r.Component, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Created).ThenByDescending(r => r.Id).First(), StringComparer.Ordinal);

    /// <summary>
    /// The general components a vehicle with these part types carries, each with its hosting part type, in a stable
    /// order (the variants show under the component they stand in for).
    /// </summary>
    public static IReadOnlyList<(string PartType, string Component)> ExpectedComponents(IEnumerable<(string PartType, string Component)> hosts,
        IReadOnlyDictionary<string, string> partsByType) =>
        hosts.Where(h => partsByType.ContainsKey(h.PartType) && !IsVariant(h.Component))
            .Distinct()
            .OrderBy(h => h.Component, StringComparer.Ordinal).ThenBy(h => h.PartType, StringComparer.Ordinal)
            .ToList();
}
