using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// The authority tree's resource rule (decision 12): whatever their permissions, a user acts only for the authorities they
/// are a member of and those below. The tree here: root › Partner A › Partner A depot, and root › Partner B.
/// </summary>
public sealed class AuthorityScopeTests(PortalServer portal) : IClassFixture<PortalServer>, IAsyncLifetime
{
    private int _partnerA;
    private int _depot;
    private int _partnerB;
    private string _sharedVin = "";
    private string _rootOnlyVin = "";
    private string _partnerAOnlyVin = "";

    public async Task InitializeAsync()
    {
        await using var db = portal.CreateDb();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var rootVins = await db.VehicleAuthoritySet.Where(va => va.AuthorityId == Authority.RootId)
            .Where(va => !db.Set<VehicleAuthority>().Any(o => o.Vin == va.Vin && o.AuthorityId == 2)) // not the seeded Q&RA's
            .OrderBy(va => va.Vin).Select(va => va.Vin).Take(3).ToListAsync();
        (_sharedVin, _rootOnlyVin, _partnerAOnlyVin) = (rootVins[0], rootVins[1], rootVins[2]);
        _partnerA = await AsAdmin(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync($"Partner A {suffix}"));
        _depot = await AsAdmin(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync($"Partner A depot {suffix}", _partnerA));
        _partnerB = await AsAdmin(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync($"Partner B {suffix}"));
        foreach (var (authority, vin) in new[] { (_partnerA, _sharedVin), (_depot, _sharedVin), (_partnerB, _sharedVin), (_partnerA, _partnerAOnlyVin) })
            await AsAdmin(sp => sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(authority, vin));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<T> As<T>(string username, Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(username);
        return await action(scope.ServiceProvider);
    }

    private async Task As(string username, Func<IServiceProvider, Task> action) => await As(username, async sp => { await action(sp); return 0; });

    private async Task<T> AsAdmin<T>(Func<IServiceProvider, Task<T>> action) => await As(await portal.AdminUsernameAsync(), action);

    private async Task AsAdmin(Func<IServiceProvider, Task> action) => await As(await portal.AdminUsernameAsync(), action);

    /// <summary>A member of Partner A holding every permission of the Administrator group.</summary>
    private async Task<(string Username, string Email)> PartnerAAdminAsync()
    {
        var email = $"partner-a-{Guid.NewGuid():N}@arc.test";
        var username = await portal.CreateUserAsync(email, "all");
        await portal.AddAuthorityMemberAsync(username, _partnerA);
        return (username, email);
    }

    private async Task<List<AuditEvent>> RefusalsOfAsync(string username)
    {
        await using var db = portal.CreateDb();
        return await db.AuditSet.Where(e => e.Actor == username && e.Action == AuditActions.AccessDenied).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task A_delivery_user_cannot_make_themselves_a_member_of_the_root_and_the_refusal_is_audited()
    {
        var email = $"delivery-{Guid.NewGuid():N}@arc.test";
        var username = await portal.CreateUserAsync(email, "delivery");
        Assert.Contains(Perm.AuthorityCreate, SeedGroups.ByMachineName("delivery").Permissions);

        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            As(username, sp => sp.GetRequiredService<SetAuthorityMember>().HandleAsync(Authority.RootId, email, member: true)));

        await using (var db = portal.CreateDb())
            Assert.False(await db.AuthorityMemberSet.AnyAsync(m => m.Username == username));
        var refusal = Assert.Single(await RefusalsOfAsync(username));
        Assert.Equal((AuditEntityTypes.Authority, "1"), (refusal.EntityType, refusal.EntityId));
        Assert.Contains("acts for authority 1", refusal.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_adds_themselves_even_to_an_authority_they_act_for_but_may_add_a_colleague()
    {
        var (username, email) = await PartnerAAdminAsync();
        var colleague = $"colleague-{Guid.NewGuid():N}@arc.test";
        await portal.CreateUserAsync(colleague);

        var self = await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            As(username, sp => sp.GetRequiredService<SetAuthorityMember>().HandleAsync(_depot, email, member: true)));
        Assert.Contains("Nobody can make themselves a member", self.Message, StringComparison.Ordinal);
        await As(username, sp => sp.GetRequiredService<SetAuthorityMember>().HandleAsync(_depot, colleague, member: true));
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            As(username, sp => sp.GetRequiredService<SetAuthorityMember>().HandleAsync(_partnerB, colleague, member: true)));

        var detail = await As(username, sp => sp.GetRequiredService<GetAuthority>().HandleAsync(_depot));
        Assert.Equal([colleague], detail.Members);
    }

    [Fact]
    public async Task A_partner_member_sees_only_their_subtree_and_never_a_siblings_vehicles_or_members()
    {
        var (username, _) = await PartnerAAdminAsync();

        var listed = await As(username, sp => sp.GetRequiredService<ListAuthorities>().HandleAsync());
        Assert.Equal(new[] { _partnerA, _depot }.Order(), listed.Select(r => r.Id).Order());
        Assert.Null(listed.Single(r => r.Id == _partnerA).Parent); // the root is not theirs to see
        Assert.Equal(listed.Single(r => r.Id == _partnerA).Description, listed.Single(r => r.Id == _depot).Parent);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => As(username, sp => sp.GetRequiredService<GetAuthority>().HandleAsync(_partnerB)));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => As(username, sp => sp.GetRequiredService<GetAuthority>().HandleAsync(Authority.RootId)));
        var own = await As(username, sp => sp.GetRequiredService<GetAuthority>().HandleAsync(_partnerA));
        Assert.Null(own.Parent);
        Assert.Equal(2, own.VehicleCount);
        var page = await As(username, sp => sp.GetRequiredService<ListAuthorityVehicles>().HandleAsync(_partnerA, null, 0, 50));
        Assert.Equal(new[] { _sharedVin, _partnerAOnlyVin }.Order(StringComparer.Ordinal), page.Items);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => As(username, sp => sp.GetRequiredService<ListAuthorityVehicles>().HandleAsync(_partnerB, null, 0, 50)));

        var onVehicle = await As(username, sp => sp.GetRequiredService<ListVehicleAuthorities>().HandleAsync(_sharedVin));
        Assert.Equal(new[] { _partnerA, _depot }.Order(), onVehicle.Select(a => a.Id).Order());
    }

    public static TheoryData<string> SeededGroups()
    {
        var data = new TheoryData<string>();
        foreach (var group in SeedGroups.All)
            data.Add(group.MachineName);
        return data;
    }

    [Theory]
    [MemberData(nameof(SeededGroups))]
    public async Task From_each_seeded_group_a_partner_member_lists_exactly_their_subtree_and_a_non_member_none(string group)
    {
        var member = await portal.CreateUserAsync($"{group}-member-{Guid.NewGuid():N}@arc.test", group);
        await portal.AddAuthorityMemberAsync(member, _partnerA);
        var outsider = await portal.CreateUserAsync($"{group}-outsider-{Guid.NewGuid():N}@arc.test", group);
        if (!SeedGroups.ByMachineName(group).Permissions.Contains(Perm.AuthorityRead))
        {
            await Assert.ThrowsAsync<PermissionDeniedException>(() => As(member, sp => sp.GetRequiredService<ListAuthorities>().HandleAsync()));
            return;
        }
        var listed = await As(member, sp => sp.GetRequiredService<ListAuthorities>().HandleAsync());
        Assert.Equal(new[] { _partnerA, _depot }.Order(), listed.Select(r => r.Id).Order());
        Assert.Empty(await As(outsider, sp => sp.GetRequiredService<ListAuthorities>().HandleAsync()));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => As(outsider, sp => sp.GetRequiredService<GetAuthority>().HandleAsync(_partnerA)));
    }

    [Fact]
    public async Task Every_authority_change_is_allowed_inside_the_subtree_and_refused_outside_it()
    {
        var (username, _) = await PartnerAAdminAsync();
        async Task Refused(Func<IServiceProvider, Task> action) => await Assert.ThrowsAsync<PermissionDeniedException>(() => As(username, action));

        // Create: under an authority one acts for, never under the root or a sibling.
        var team = await As(username, sp => sp.GetRequiredService<CreateAuthority>().HandleAsync("Partner A team", _partnerA));
        await Refused(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync("Grab", Authority.RootId));
        await Refused(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync("Grab", _partnerB));

        // Grant: the parent delegates its own vehicle, so the caller acts for the parent.
        await As(username, sp => sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(team, _partnerAOnlyVin));
        await Refused(sp => sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(_partnerA, _rootOnlyVin));
        await Refused(sp => sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(Authority.RootId, _rootOnlyVin));
        await Refused(sp => sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(_partnerB, _partnerAOnlyVin));

        // Sign, re-key, revoke: inside only.
        var token = await As(username, sp => sp.GetRequiredService<SignVehicleToken>().HandleAsync(_depot, $"{{\"vin\": \"{_sharedVin}\"}}"));
        Assert.Contains("====SIGNATURE====", token, StringComparison.Ordinal);
        await Refused(sp => sp.GetRequiredService<SignVehicleToken>().HandleAsync(_partnerB, $"{{\"vin\": \"{_sharedVin}\"}}"));
        await As(username, sp => sp.GetRequiredService<ReKeyAuthority>().HandleAsync(_depot));
        await Refused(sp => sp.GetRequiredService<ReKeyAuthority>().HandleAsync(_partnerB));
        await Refused(sp => sp.GetRequiredService<ReKeyAuthority>().HandleAsync(Authority.RootId));
        await Refused(sp => sp.GetRequiredService<RevokeVehicleAccess>().HandleAsync(_partnerB, _sharedVin));
        Assert.Equal([team], await As(username, sp => sp.GetRequiredService<RevokeVehicleAccess>().HandleAsync(team, _partnerAOnlyVin)));

        // PINs: only of vehicles an authority of theirs controls.
        Assert.NotNull(await As(username, sp => sp.GetRequiredService<ViewFactoryPin>().HandleAsync(_partnerAOnlyVin)));
        await Refused(sp => sp.GetRequiredService<ViewFactoryPin>().HandleAsync(_rootOnlyVin));

        // Delete: the parent's decision, as creating is.
        await Refused(sp => sp.GetRequiredService<DeleteAuthority>().HandleAsync(_partnerA));
        await Refused(sp => sp.GetRequiredService<DeleteAuthority>().HandleAsync(_partnerB));
        await As(username, sp => sp.GetRequiredService<DeleteAuthority>().HandleAsync(team));

        await using var db = portal.CreateDb();
        Assert.True(await db.AuthoritySet.AnyAsync(a => a.Id == _partnerB));
        Assert.False(await db.VehicleAuthoritySet.AnyAsync(va => va.AuthorityId == _partnerA && va.Vin == _rootOnlyVin));
        Assert.Equal(12, (await RefusalsOfAsync(username)).Count);
    }
}
