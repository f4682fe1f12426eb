using System.Globalization;
using Arc.Domain.Common;

namespace Arc.Domain.Locations;

/// <summary>
/// Checks a <see cref="LocationDraft"/> and writes it onto a location, with the messages the form shows under each field.
/// The lengths are those of the old system's columns (spec/backend.md §2.2).
/// </summary>
public static class LocationRules
{
    public const int MaxStreetNumber = 999_999;
    /// <summary>The old columns were numeric(15,10): ten places, a tenth of a millimetre, more than any receiver gives.</summary>
    public const int PositionDecimals = 10;

    public static async Task ApplyAsync(IArcData data, LocationDraft draft, Location location, CancellationToken ct)
    {
        var name = Name(draft.Name);
        var lowered = name.ToLowerInvariant();
        if (await data.AnyAsync(data.Locations.Where(l => l.Id != location.Id && l.Name.ToLower() == lowered), ct))
            throw new ValidationFailedException("name", $"A location named '{name}' exists already; choose another name.");
        if (draft.StreetNumber is < 1 or > MaxStreetNumber)
            throw new ValidationFailedException("streetNumber", $"A street number is a whole number from 1 to {MaxStreetNumber:N0}.");
        if (draft.AddressTypeId is { } typeId && !await data.AnyAsync(data.AddressTypes.Where(t => t.Id == typeId), ct))
            throw new ValidationFailedException("addressType", "Choose an address type from the list.");
        var (latitude, longitude) = Position(draft.Latitude, draft.Longitude);

        location.Name = name;
        location.StreetNumber = draft.StreetNumber;
        location.StreetNumberSuffix = Text(draft.StreetNumberSuffix, "streetNumberSuffix", "The street number suffix", 5);
        location.StreetName = Text(draft.StreetName, "streetName", "The street name", 50);
        location.StreetType = Text(draft.StreetType, "streetType", "The street type", 50);
        location.StreetDirection = Text(draft.StreetDirection, "streetDirection", "The street direction", 2);
        location.StructureName = Text(draft.StructureName, "structureName", "The building name", 50);
        location.AddressTypeId = draft.AddressTypeId;
        location.AddressTypeIdentifier = Text(draft.AddressTypeIdentifier, "addressTypeIdentifier", "The number of the address type", 15);
        location.City = Text(draft.City, "city", "The city", 50);
        location.GoverningDistrict = Text(draft.GoverningDistrict, "governingDistrict", "The state or province", 50);
        location.PostalArea = Text(draft.PostalArea, "postalArea", "The postal code", 15);
        location.LocalMunicipality = Text(draft.LocalMunicipality, "localMunicipality", "The municipality", 50);
        location.Country = Country(draft.Country);
        location.Latitude = latitude;
        location.Longitude = longitude;
    }

    public static string Name(string? name)
    {
        var value = (name ?? "").Trim();
        if (value.Length == 0)
            throw new ValidationFailedException("name", "A location needs a name.");
        return Text(value, "name", "The name", Location.MaxNameLength)!;
    }

    public static string? Country(string? code)
    {
        var value = (code ?? "").Trim().ToUpperInvariant();
        if (value.Length == 0)
            return null;
        if (value.Length != 2 || !Countries.IsKnown(value))
            throw new ValidationFailedException("country", "Choose a country from the list (an ISO 3166 two-letter code such as US or DE).");
        return value;
    }

    public static (decimal? Latitude, decimal? Longitude) Position(decimal? latitude, decimal? longitude)
    {
        if (latitude is null != longitude is null)
            throw new ValidationFailedException(latitude is null ? "latitude" : "longitude", "Give both the latitude and the longitude, or neither.");
        if (latitude is < -90 or > 90)
            throw new ValidationFailedException("latitude", "The latitude is between -90 and 90 degrees.");
        if (longitude is < -180 or > 180)
            throw new ValidationFailedException("longitude", "The longitude is between -180 and 180 degrees.");
        return (Round(latitude), Round(longitude));
    }

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, PositionDecimals, MidpointRounding.AwayFromZero) : null;

    /// <summary>Optional text: trimmed, empty means none; bounded, and without characters that hide or reorder text.</summary>
    public static string? Text(string? text, string field, string what, int maxLength)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
            return null;
        if (value.Length > maxLength)
            throw new ValidationFailedException(field, string.Create(CultureInfo.InvariantCulture, $"{what} has at most {maxLength} characters."));
        if (PlainText.HasHiddenCharacters(value))
            throw new ValidationFailedException(field, $"{what} may not hold control characters or invisible formatting (such as a right-to-left override).");
        return value;
    }
}
