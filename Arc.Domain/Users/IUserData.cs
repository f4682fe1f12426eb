using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>The tables of accounts, their preferences and sessions, read as <c>data.Users</c> on any <see cref="IArcData"/>.</summary>
public interface IUserData : IEntitySets
{
    IQueryable<User> Users => Set<User>();
    IQueryable<UserPreference> UserPreferences => Set<UserPreference>();
    IQueryable<UserSession> UserSessions => Set<UserSession>();
}
