using Arc.Domain.Common;

namespace Arc.Domain.Authorities;

/// <summary>The tables of authorities, their vehicles, vehicle metadata and members, read as <c>data.Authorities</c> on any <see cref="IArcData"/>.</summary>
public interface IAuthorityData : IEntitySets
{
    IQueryable<Authority> Authorities => Set<Authority>();
    IQueryable<VehicleAuthority> VehicleAuthorities => Set<VehicleAuthority>();
    IQueryable<AuthorityVehicleMeta> AuthorityVehicleMeta => Set<AuthorityVehicleMeta>();
    IQueryable<AuthorityMember> AuthorityMembers => Set<AuthorityMember>();
}
