using Arc.Domain.Common;

namespace Arc.Domain.Locations;

/// <summary>The tables of locations, address types and accounting location codes, read as <c>data.Locations</c>.</summary>
public interface ILocationData : IEntitySets
{
    IQueryable<Location> Locations => Set<Location>();
    IQueryable<AddressType> AddressTypes => Set<AddressType>();
    IQueryable<AccountingLocationCode> AccountingLocationCodes => Set<AccountingLocationCode>();
}
