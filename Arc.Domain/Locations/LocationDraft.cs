namespace Arc.Domain.Locations;

/// <summary>
/// Everything a location's form sends: the name, the parts of the address and the position. Text fields left empty mean
/// "none"; an update replaces every field with what the draft holds (spec/backend.md §1.9, full replace).
/// </summary>
public sealed record LocationDraft(
    string? Name,
    int? StreetNumber = null,
    string? StreetNumberSuffix = null,
    string? StreetName = null,
    string? StreetType = null,
    string? StreetDirection = null,
    string? StructureName = null,
    int? AddressTypeId = null,
    string? AddressTypeIdentifier = null,
    string? City = null,
    string? GoverningDistrict = null,
    string? PostalArea = null,
    string? LocalMunicipality = null,
    string? Country = null,
    decimal? Latitude = null,
    decimal? Longitude = null)
{
    /// <summary>True when the draft gives no field at all, which as an update would blank the whole location.</summary>
    public bool IsBlank =>
        new[] { Name, StreetNumberSuffix, StreetName, StreetType, StreetDirection, StructureName, AddressTypeIdentifier, City, GoverningDistrict,
            PostalArea, LocalMunicipality, Country }.All(string.IsNullOrWhiteSpace)
        && StreetNumber is null && AddressTypeId is null && Latitude is null && Longitude is null;

    public static LocationDraft Of(Location l) => new(l.Name, l.StreetNumber, l.StreetNumberSuffix, l.StreetName, l.StreetType, l.StreetDirection,
        l.StructureName, l.AddressTypeId, l.AddressTypeIdentifier, l.City, l.GoverningDistrict, l.PostalArea, l.LocalMunicipality, l.Country,
        l.Latitude, l.Longitude);
}
