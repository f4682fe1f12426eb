namespace Arc.Domain.Locations;

/// <summary>A location as pages show it: its fields, the address type and country by name, and its accounting code.</summary>
public sealed record LocationView(int Id, string Name, int? StreetNumber, string? StreetNumberSuffix, string? StreetName, string? StreetType,
    string? StreetDirection, string? StructureName, int? AddressTypeId, string? AddressType, string? AddressTypeIdentifier, string? City,
    string? GoverningDistrict, string? PostalArea, string? LocalMunicipality, string? Country, decimal? Latitude, decimal? Longitude,
    int? CodeId, string? Code, string CreatedBy, uint Version)
{
    public string? CountryName => Countries.NameOf(Country);

    public LocationDraft ToDraft() => new(Name, StreetNumber, StreetNumberSuffix, StreetName, StreetType, StreetDirection, StructureName, AddressTypeId,
        AddressTypeIdentifier, City, GoverningDistrict, PostalArea, LocalMunicipality, Country, Latitude, Longitude);

    /// <summary>The address on one line, in the order most countries write it, without the parts left empty.</summary>
    public string AddressLine
    {
        get
        {
            var street = string.Join(' ', new[] { StreetNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) + StreetNumberSuffix,
                StreetDirection, StreetName, StreetType }.Where(p => !string.IsNullOrEmpty(p)));
            var unit = AddressType is null ? null : $"{AddressType} {AddressTypeIdentifier}".Trim();
            return string.Join(", ", new[] { StructureName, street, unit, LocalMunicipality, City, GoverningDistrict, PostalArea, CountryName ?? Country }
                .Where(p => !string.IsNullOrWhiteSpace(p)));
        }
    }
}

public static class LocationViews
{
    /// <summary>The projection every read of locations shares, so list and page show the same thing.</summary>
    public static IQueryable<LocationView> Project(Common.IArcData data, IQueryable<Location> locations) =>
        locations.Select(l => new LocationView(l.Id, l.Name, l.StreetNumber, l.StreetNumberSuffix, l.StreetName, l.StreetType, l.StreetDirection,
            l.StructureName, l.AddressTypeId, data.AddressTypes.Where(t => t.Id == l.AddressTypeId).Select(t => t.Name).FirstOrDefault(),
            l.AddressTypeIdentifier, l.City, l.GoverningDistrict, l.PostalArea, l.LocalMunicipality, l.Country, l.Latitude, l.Longitude,
            l.AccountingLocationCodeId, data.AccountingLocationCodes.Where(c => c.Id == l.AccountingLocationCodeId).Select(c => c.Code).FirstOrDefault(),
            l.CreatedBy, l.Version));
}
