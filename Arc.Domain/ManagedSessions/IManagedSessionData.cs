using Arc.Domain.Common;

namespace Arc.Domain.ManagedSessions;

/// <summary>The tables of managed sessions and the vehicles under them, read as <c>data.ManagedSessionVehicles</c> on any <see cref="IArcData"/>.</summary>
public interface IManagedSessionData : IEntitySets
{
    IQueryable<ManagedSessionVehicle> ManagedSessionVehicles => Set<ManagedSessionVehicle>();
    IQueryable<ManagedSession> ManagedSessions => Set<ManagedSession>();
}
