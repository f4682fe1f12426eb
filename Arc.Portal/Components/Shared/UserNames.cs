using Arc.Domain.Common;
using Arc.Domain.Users;

namespace Arc.Portal.Components.Shared;

/// <summary>How a page shows a user it keeps only the username of (the creator of a recall, a bulletin, a location).</summary>
public static class UserNames
{
    /// <summary>
    /// The user's name, or email when there is no name, for those who may read users; everyone else, and a user since
    /// deleted, sees the stored username, which names nobody to someone not allowed to look people up.
    /// </summary>
    public static async Task<string> DisplayAsync(this GetUser users, string username, bool mayReadUsers)
    {
        if (!mayReadUsers)
            return username;
        try
        {
            var user = await users.HandleAsync(username);
            return user.DisplayName ?? user.Email;
        }
        catch (DomainException)
        {
            return username;
        }
    }
}
