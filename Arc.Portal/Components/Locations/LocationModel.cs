using Arc.Domain.Locations;

namespace Arc.Portal.Components.Locations;

/// <summary>What a location's form holds while it is edited; the use case checks it again on the server.</summary>
public sealed class LocationModel
{
    public string? Name { get; set; }
    public int? StreetNumber { get; set; }
    public string? StreetNumberSuffix { get; set; }
    public string? StreetName { get; set; }
    public string? StreetType { get; set; }
    public string? StreetDirection { get; set; }
    public string? StructureName { get; set; }
    public int? AddressTypeId { get; set; }
    public string? AddressTypeIdentifier { get; set; }
    public string? City { get; set; }
    public string? GoverningDistrict { get; set; }
    public string? PostalArea { get; set; }
    public string? LocalMunicipality { get; set; }
    public string? Country { get; set; }
    public decimal? Latitude { get; set; }
    public decimal? Longitude { get; set; }

    /// <summary>The fields the form shows a message under (the keys the use case refuses with).</summary>
    public static readonly string[] Fields =
    [
        "name", "streetNumber", "streetNumberSuffix", "streetName", "streetType", "streetDirection", "structureName", "addressType",
        "addressTypeIdentifier", "city", "governingDistrict", "postalArea", "localMunicipality", "country", "latitude", "longitude",
    ];

    public LocationDraft ToDraft() => new(Name, StreetNumber, StreetNumberSuffix, StreetName, StreetType, StreetDirection, StructureName, AddressTypeId,
        AddressTypeIdentifier, City, GoverningDistrict, PostalArea, LocalMunicipality, Country, Latitude, Longitude);

    public static LocationModel From(LocationDraft d) => new()
    {
        Name = d.Name, StreetNumber = d.StreetNumber, StreetNumberSuffix = d.StreetNumberSuffix, StreetName = d.StreetName, StreetType = d.StreetType,
        StreetDirection = d.StreetDirection, StructureName = d.StructureName, AddressTypeId = d.AddressTypeId, AddressTypeIdentifier = d.AddressTypeIdentifier,
        City = d.City, GoverningDistrict = d.GoverningDistrict, PostalArea = d.PostalArea, LocalMunicipality = d.LocalMunicipality, Country = d.Country,
        Latitude = Significant(d.Latitude), Longitude = Significant(d.Longitude),
    };

    // The database keeps ten decimal places; the form shows only the digits that mean something (44.0521, not 44.0521000000).
    private static decimal? Significant(decimal? value) => value is { } v ? v / 1.0000000000000000000000000000m : null;
}
