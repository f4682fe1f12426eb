using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Locations;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Locations and their accounting codes on the real database: written in full, refused with a reason, audited.</summary>
public sealed class LocationTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    private async Task<AsyncServiceScope> AsLocationsAdminAsync()
    {
        var username = await portal.CreateUserAsync($"places-{Guid.NewGuid():N}@arc.test");
        await portal.AddToGroupAsync(username, await portal.CreateGroupAsync(Unique("places"),
            Perm.LocationUpdate, Perm.LocationDelete, Perm.LocationCodeCreate, Perm.LocationCodeDelete));
        return await portal.AsUserAsync(username);
    }

    private async Task<(int Locations, int Codes, int Audit)> CountsAsync()
    {
        await using var db = portal.CreateDb();
        return (await db.Set<Location>().CountAsync(), await db.Set<AccountingLocationCode>().CountAsync(), await db.AuditSet.CountAsync());
    }

    [Fact]
    public async Task A_location_is_created_read_replaced_in_full_and_deleted_with_each_step_audited()
    {
        await using var scope = await AsLocationsAdminAsync();
        var sp = scope.ServiceProvider;
        var name = Unique("Eugene depot");
        var id = await sp.GetRequiredService<CreateLocation>().HandleAsync(new LocationDraft(name, 2180, null, "Garfield", "St", "W", "Plant 2", 6, "100",
            "Eugene", "OR", "97402", null, "us", 44.0521m, -123.0868m));

        var read = (await sp.GetRequiredService<GetLocation>().HandleAsync(id)).Location;
        Assert.Equal(("Suite", "US", "United States", 44.0521m), (read.AddressType, read.Country, read.CountryName, read.Latitude));

        int fleetId;
        await using (var db = portal.CreateDb())
        {
            var fleet = new Fleet { Name = Unique("At the depot"), LocationId = id };
            db.FleetSet.Add(fleet);
            await db.SaveChangesAsync();
            fleetId = fleet.Id;
        }
        Assert.Equal(fleetId, Assert.Single((await sp.GetRequiredService<GetLocation>().HandleAsync(id)).Fleets).Id);

        // Full replace: what the draft leaves out is gone.
        await sp.GetRequiredService<UpdateLocation>().HandleAsync(id, new LocationDraft(name + " north", City: "Springfield", Country: "US"), read.Version);
        var replaced = (await sp.GetRequiredService<GetLocation>().HandleAsync(id)).Location;
        Assert.Equal((name + " north", "Springfield", (int?)null, (string?)null, (decimal?)null),
            (replaced.Name, replaced.City, replaced.StreetNumber, replaced.StreetName, replaced.Latitude));

        // A page that read the first version cannot overwrite the second.
        await Assert.ThrowsAsync<ConflictException>(() =>
            sp.GetRequiredService<UpdateLocation>().HandleAsync(id, new LocationDraft(name, City: "Stale"), read.Version));

        await sp.GetRequiredService<DeleteLocation>().HandleAsync(id);
        await Assert.ThrowsAsync<NotFoundException>(() => sp.GetRequiredService<GetLocation>().HandleAsync(id));
        await using (var db = portal.CreateDb())
        {
            Assert.Null((await db.FleetSet.SingleAsync(f => f.Id == fleetId)).LocationId);
            var actions = await db.AuditSet.Where(e => e.EntityType == LocationAuditActions.LocationEntity && e.EntityId == id.ToString())
                .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
            Assert.Equal([LocationAuditActions.Created, LocationAuditActions.Updated, LocationAuditActions.Deleted], actions);
        }
    }

    public static TheoryData<string, string> BadDrafts() => new()
    {
        { "country", "XX" }, { "latitude", "91" }, { "longitude", "-180.5" }, { "name", "long" }, { "name", "hidden" },
        { "streetNumber", "0" }, { "addressType", "99" }, { "postalArea", "long" }, { "name", "duplicate" },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task Bad_input_is_refused_on_its_field_and_changes_nothing(string field, string value)
    {
        await using var scope = await AsLocationsAdminAsync();
        var create = scope.ServiceProvider.GetRequiredService<CreateLocation>();
        var existing = Unique("Taken");
        await create.HandleAsync(new LocationDraft(existing));
        var good = new LocationDraft(Unique("Fine"), Country: "DE", Latitude: 52.52m, Longitude: 13.405m);
        var draft = (field, value) switch
        {
            ("country", _) => good with { Country = value },
            ("latitude", _) => good with { Latitude = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            ("longitude", _) => good with { Longitude = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            ("name", "long") => good with { Name = new string('x', Location.MaxNameLength + 1) },
            ("name", "hidden") => good with { Name = "Depot\u202Egpj.exe" },
            ("name", _) => good with { Name = existing.ToUpperInvariant() },
            ("streetNumber", _) => good with { StreetNumber = 0 },
            ("addressType", _) => good with { AddressTypeId = 99 },
            _ => good with { PostalArea = new string('9', 10_000) },
        };
        var before = await CountsAsync();

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => create.HandleAsync(draft));

        Assert.Equal(field, Assert.Single(e.Errors).Key);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_update_that_gives_no_field_is_refused_and_the_location_keeps_its_fields()
    {
        await using var scope = await AsLocationsAdminAsync();
        var sp = scope.ServiceProvider;
        var name = Unique("Kept");
        var id = await sp.GetRequiredService<CreateLocation>().HandleAsync(new LocationDraft(name, City: "Eugene"));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => sp.GetRequiredService<UpdateLocation>().HandleAsync(id, new LocationDraft(" ")));

        Assert.Contains("would blank the location", e.Message, StringComparison.Ordinal);
        var kept = (await sp.GetRequiredService<GetLocation>().HandleAsync(id)).Location;
        Assert.Equal((name, "Eugene"), (kept.Name, kept.City));
    }

    [Fact]
    public async Task Location_codes_are_unique_short_set_on_a_location_and_unset_when_deleted()
    {
        await using var scope = await AsLocationsAdminAsync();
        var sp = scope.ServiceProvider;
        var code = "T-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var codeId = await sp.GetRequiredService<CreateLocationCode>().HandleAsync(code);
        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() => sp.GetRequiredService<CreateLocationCode>().HandleAsync(code.ToLowerInvariant()));
        Assert.Contains("exists already", duplicate.Message, StringComparison.Ordinal);
        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() => sp.GetRequiredService<CreateLocationCode>().HandleAsync("OR-EU-HQ-01"));
        Assert.Contains("at most 10 characters", tooLong.Message, StringComparison.Ordinal);
        var locationId = await sp.GetRequiredService<CreateLocation>().HandleAsync(new LocationDraft(Unique("Coded")));

        await sp.GetRequiredService<SetLocationCode>().HandleAsync(locationId, codeId);
        Assert.Equal(code, (await sp.GetRequiredService<GetLocation>().HandleAsync(locationId)).Location.Code);
        var listed = (await sp.GetRequiredService<ListLocationCodes>().HandleAsync()).Single(c => c.Id == codeId);
        Assert.Equal(1, listed.Locations);
        Assert.Contains(await sp.GetRequiredService<ListLocationCodes>().HandleAsync(), c => c.Code == "OR-EU-HQ");
        await Assert.ThrowsAsync<ValidationFailedException>(() => sp.GetRequiredService<SetLocationCode>().HandleAsync(locationId, 999_999));

        await sp.GetRequiredService<DeleteLocationCode>().HandleAsync(codeId);
        Assert.Null((await sp.GetRequiredService<GetLocation>().HandleAsync(locationId)).Location.Code);
    }

    [Fact]
    public async Task The_list_finds_by_name_city_or_code_and_by_country_a_page_at_a_time()
    {
        await using var scope = await AsLocationsAdminAsync();
        var sp = scope.ServiceProvider;
        var tag = Guid.NewGuid().ToString("N")[..8];
        await sp.GetRequiredService<CreateLocation>().HandleAsync(new LocationDraft($"A {tag}", City: "Berlin", Country: "DE"));
        await sp.GetRequiredService<CreateLocation>().HandleAsync(new LocationDraft($"B {tag}", City: "Eugene", Country: "US"));
        await sp.GetRequiredService<CreateLocation>().HandleAsync(new LocationDraft("C elsewhere " + tag[..4], City: $"Town {tag}", Country: "US"));
        var list = sp.GetRequiredService<ListLocations>();

        var all = await list.HandleAsync(new LocationQuery(tag, PageSize: 2));
        Assert.Equal((3, 2), (all.TotalCount, all.Items.Count));
        var us = await list.HandleAsync(new LocationQuery(tag.ToUpperInvariant(), "us"));
        Assert.Equal([$"B {tag}", "C elsewhere " + tag[..4]], us.Items.Select(l => l.Name));
        await Assert.ThrowsAsync<ValidationFailedException>(() => list.HandleAsync(new LocationQuery(Country: "ZZ")));
    }

    [Fact]
    public async Task The_address_types_and_countries_are_there_for_any_signed_in_user()
    {
        await using var scope = await portal.AsUserAsync(await portal.CreateUserAsync($"plain-{Guid.NewGuid():N}@arc.test"));
        var types = await scope.ServiceProvider.GetRequiredService<ListAddressTypes>().HandleAsync();
        Assert.Equal(["PO Box", "Apartment", "Building", "Floor", "Office", "Suite"], types.Select(t => t.Name));
        var countries = await scope.ServiceProvider.GetRequiredService<ListCountries>().HandleAsync();
        Assert.Contains(countries, c => c is { Code: "NZ", Name: "New Zealand" });
    }
}
