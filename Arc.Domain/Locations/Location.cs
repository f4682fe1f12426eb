using Arc.Domain.Common;

namespace Arc.Domain.Locations;

/// <summary>
/// A physical site (a depot, an office, a rental lot) with the international address model of spec/backend.md §1.9:
/// the parts of an address are kept apart so that any country's form can be written, and the GPS position is kept
/// next to it. Fleets point at a location; the insurer export reads it.
/// </summary>
public class Location : IVersioned
{
    public const int MaxNameLength = 50;

    public int Id { get; set; }
    public required string Name { get; set; }
    public int? StreetNumber { get; set; }
    public string? StructureName { get; set; }
    public string? StreetNumberSuffix { get; set; }
    public string? StreetName { get; set; }
    public string? StreetType { get; set; }
    public string? StreetDirection { get; set; }
    public int? AddressTypeId { get; set; }
    public string? AddressTypeIdentifier { get; set; }
    public string? City { get; set; }
    public string? GoverningDistrict { get; set; }
    public string? PostalArea { get; set; }
    public string? LocalMunicipality { get; set; }
    /// <summary>ISO 3166-1 alpha-2, upper case (<see cref="Countries"/>).</summary>
    public string? Country { get; set; }
    public decimal? Latitude { get; set; }
    public decimal? Longitude { get; set; }
    public int? AccountingLocationCodeId { get; set; }
    public required string CreatedBy { get; set; }
    public uint Version { get; set; }
}

/// <summary>What the number after an address type names: a PO Box, an apartment, a floor... (seeded, fixed).</summary>
public class AddressType
{
    public int Id { get; set; }
    public required string Name { get; set; }
}

/// <summary>An accounting code for a site, such as <c>OR-EU-HQ</c> (state, city, site); a location has at most one.</summary>
public class AccountingLocationCode
{
    public const int MaxLength = 10;

    public int Id { get; set; }
    public required string Code { get; set; }
}

/// <summary>Stable audit action codes of locations and their accounting codes.</summary>
public static class LocationAuditActions
{
    public const string Created = "location.created";
    public const string Updated = "location.updated";
    public const string Deleted = "location.deleted";
    public const string CodeSet = "location.code_set";
    public const string CodeCreated = "location_code.created";
    public const string CodeDeleted = "location_code.deleted";
    public const string LocationEntity = "Location";
    public const string CodeEntity = "AccountingLocationCode";
}
