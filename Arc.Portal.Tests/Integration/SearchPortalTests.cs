using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Search;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

/// <summary>The app-bar search on the real database: what it finds, for whom, and what it makes of hostile text.</summary>
public sealed class SearchPortalTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static readonly string Bare = DemoData.MakeVin('T', 'L', 19);

    private async Task<IReadOnlyList<SearchHit>> SearchAsync(string? username, string? text)
    {
        await using var scope = await portal.AsUserAsync(username);
        return await scope.ServiceProvider.GetRequiredService<SearchPortal>().HandleAsync(text);
    }

    private async Task<IReadOnlyList<SearchHit>> AsAdminAsync(string text) => await SearchAsync(await portal.AdminUsernameAsync(), text);

    [Fact]
    public async Task Nobody_signed_in_may_search() =>
        await Assert.ThrowsAsync<NotSignedInException>(() => SearchAsync(null, Bare));

    [Fact]
    public async Task Part_of_a_VIN_with_or_without_its_prefix_finds_the_vehicle()
    {
        foreach (var text in new[] { Bare[^6..], Bare[^6..].ToLowerInvariant(), Bare[5..], "DEV-" + Bare, $"  {("dev-" + Bare).ToLowerInvariant()}  " })
        {
            var hits = await AsAdminAsync(text);
            Assert.Contains(hits, h => h.Kind == "Vehicle" && h.Title == "DEV-" + Bare && h.Path == $"vehicles/DEV-{Bare}");
        }
    }

    [Fact]
    public async Task The_whole_bare_VIN_finds_exactly_that_vehicle()
    {
        var hits = (await AsAdminAsync(Bare)).Where(h => h.Kind == "Vehicle").ToList();
        Assert.Equal(["DEV-" + Bare], hits.Select(h => h.Title));
    }

    [Fact]
    public async Task Each_kind_gives_at_most_five_hits()
    {
        var hits = await AsAdminAsync("DEV-");
        Assert.Equal(SearchPortal.PerKind, hits.Count(h => h.Kind == "Vehicle"));
    }

    [Fact]
    public async Task A_user_is_found_by_part_of_their_email_or_name_and_opens_their_page()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var username = await portal.CreateUserAsync($"search-{tag}@arc.test");
        var byEmail = await AsAdminAsync($"{tag}@ARC.test");
        Assert.Contains(byEmail, h => h.Kind == "User" && h.Path == $"users/{username}" && h.Detail == $"search-{tag}@arc.test");
        var byName = await AsAdminAsync($"SEARCH-{tag}");
        Assert.Contains(byName, h => h.Kind == "User" && h.Title == $"search-{tag}");
    }

    [Fact]
    public async Task An_authority_is_found_by_name_only_by_those_who_act_for_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var admin = await portal.AdminUsernameAsync();
        int partner, other;
        await using (var scope = await portal.AsUserAsync(admin))
        {
            var create = scope.ServiceProvider.GetRequiredService<CreateAuthority>();
            partner = await create.HandleAsync($"Searchable partner {tag}");
            other = await create.HandleAsync($"Searchable rival {tag}");
        }
        var member = await portal.CreateUserAsync($"partner-{tag}@arc.test", "delivery");
        await portal.AddAuthorityMemberAsync(member, partner);

        // Both names hold the tag; the member acts only for the partner.
        var hits = await SearchAsync(member, tag.ToUpperInvariant());
        Assert.Equal([$"authorities/{partner}"], hits.Where(h => h.Kind == "Authority").Select(h => h.Path));
        Assert.Contains(await AsAdminAsync($"rival {tag}"), h => h.Path == $"authorities/{other}");
        // Holding the permission without acting for any authority finds none.
        var outsider = await portal.CreateUserAsync($"outsider-{tag}@arc.test", "delivery");
        Assert.DoesNotContain(await SearchAsync(outsider, $"searchable {tag}"), h => h.Kind == "Authority");
    }

    public static TheoryData<string> Groups()
    {
        var data = new TheoryData<string>();
        foreach (var group in SeedGroups.All)
            data.Add(group.MachineName);
        data.Add("(no group)");
        return data;
    }

    /// <summary>Allow and deny per seeded group: each kind is searched exactly when the group holds its permissions.</summary>
    [Theory]
    [MemberData(nameof(Groups))]
    public async Task Each_group_finds_exactly_the_kinds_its_permissions_let_it_read(string group)
    {
        var held = group == "(no group)" ? [] : SeedGroups.ByMachineName(group).Permissions.ToHashSet();
        var caller = group == "(no group)"
            ? await portal.CreateUserAsync($"nogroup-{Guid.NewGuid():N}@arc.test")
            : await portal.CreateUserAsync($"{group}-{Guid.NewGuid():N}@arc.test", group);
        await portal.AddAuthorityMemberAsync(caller, Authority.RootId);
        // Each term matches rows of its kind that every caller here could see: demo VINs, test accounts, the root authority.
        Assert.Equal(held.Contains(Perm.VehicleRead), (await SearchAsync(caller, "7F7AT")).Any(h => h.Kind == "Vehicle"));
        Assert.Equal(held.Contains(Perm.UsersRead) && held.Contains(Perm.UserRead), (await SearchAsync(caller, "@arc.test")).Any(h => h.Kind == "User"));
        Assert.Equal(held.Contains(Perm.AuthorityRead), (await SearchAsync(caller, "arcimoto")).Any(h => h.Kind == "Authority"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a")]
    [InlineData(" 7 ")]
    public async Task Fewer_than_two_characters_search_nothing(string text) =>
        Assert.Empty(await AsAdminAsync(text));

    [Theory]
    [InlineData("ab\u0000cd")]
    [InlineData("ab\tcd")]
    [InlineData("ab\u202Ecd")]
    [InlineData("ab\u200Bcd")]
    public async Task Control_and_invisible_characters_are_refused(string text)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(text));
        Assert.True(error.Errors.ContainsKey("query"));
    }

    [Fact]
    public async Task Very_long_text_is_refused_and_the_limit_itself_is_accepted()
    {
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(new string('x', SearchTerm.MaxLength + 1)));
        Assert.Empty(await AsAdminAsync(new string('x', SearchTerm.MaxLength)));
        Assert.Empty(await AsAdminAsync(new string('x', 10_000).Trim()[..SearchTerm.MaxLength] + "   "));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("%%")]
    [InlineData("__")]
    [InlineData("a%")]
    [InlineData("_@")]
    [InlineData("%@%")]
    [InlineData("\\%")]
    [InlineData("' OR 1=1 --")]
    public async Task Wildcards_and_quotes_are_taken_literally(string text) =>
        Assert.Empty(await AsAdminAsync(text.Length < 2 ? text + text : text));

    [Fact]
    public async Task A_percent_or_underscore_that_is_really_there_is_found()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var username = await portal.CreateUserAsync($"under_score{tag}@arc.test");
        await portal.CreateUserAsync($"underxscore{tag}@arc.test"); // what "_" would match as a wildcard
        Assert.Equal([$"users/{username}"], (await AsAdminAsync($"der_score{tag}")).Select(h => h.Path));
        Assert.Empty(await AsAdminAsync($"der%score{tag}"));
    }
}
