using System.Reflection;

namespace Arc.Domain.Locations;

/// <summary>A country: its ISO 3166-1 alpha-2 code (what a location stores), its alpha-3 code (what a recall stores) and name.</summary>
public sealed record Country(string Code, string Alpha3, string Name);

/// <summary>
/// The ISO 3166-1 countries with their two- and three-letter codes and English short names, shipped with the portal (countries.txt, taken from
/// Debian's iso-codes package). A list in the code rather than a seeded table: the standard belongs to the release, not
/// to the data, so a new code arrives with an upgrade and no migration, and a country is checked without a query. A
/// location stores the code only, so a code the standard retires keeps reading back as the code.
/// </summary>
public static class Countries
{
    public static IReadOnlyList<Country> All { get; } = Load();

    private static readonly Dictionary<string, Country> ByCode = All.ToDictionary(c => c.Code, StringComparer.Ordinal);

    private static readonly Dictionary<string, Country> ByAlpha3 = All.ToDictionary(c => c.Alpha3, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="code"/> is a current alpha-2 code (upper case).</summary>
    public static bool IsKnown(string code) => ByCode.ContainsKey(code);

    /// <summary>Whether <paramref name="code"/> is a current alpha-3 code (upper case).</summary>
    public static bool IsKnownAlpha3(string code) => ByAlpha3.ContainsKey(code);

    public static string? NameOf(string? code) => code is not null && ByCode.TryGetValue(code, out var country) ? country.Name : null;

    private static List<Country> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Arc.Domain.Locations.countries.txt")
            ?? throw new InvalidOperationException("The country list is missing from the build.");
        using var reader = new StreamReader(stream);
        var list = new List<Country>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Split(';', 3) is [var code, var alpha3, var name])
                list.Add(new Country(code, alpha3, name));
        }
        return list;
    }
}
