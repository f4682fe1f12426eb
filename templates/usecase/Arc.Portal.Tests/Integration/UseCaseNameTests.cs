using Arc.Domain.Common;
using Arc.Domain.FeatureName;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

public sealed class UseCaseNameTests(PortalServer portal) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task A_signed_in_user_without_PermissionName_is_refused()
    {
        var username = await portal.CreateUserAsync($"no-group-{Guid.NewGuid():N}@arc.test");
        await using var scope = await portal.AsUserAsync(username);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<UseCaseName>().HandleAsync(1));
    }

    [Fact]
    public async Task A_member_of_a_group_with_PermissionName_gets_past_the_permission_check()
    {
        var username = await portal.CreateUserAsync($"allowed-{Guid.NewGuid():N}@arc.test");
        await portal.AddToGroupAsync(username, await portal.CreateGroupAsync($"group-{Guid.NewGuid():N}", Perm.PermissionName));
        await using var scope = await portal.AsUserAsync(username);
        await Assert.ThrowsAsync<NotFoundException>(() => scope.ServiceProvider.GetRequiredService<UseCaseName>().HandleAsync(987_654_321));
    }
}
