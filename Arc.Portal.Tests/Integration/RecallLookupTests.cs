using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arc.Domain.Recalls;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>A portal whose recall lookup reads the data's stamp on every request, so a change shows at once.</summary>
public sealed class FreshRecallLookupPortal : IAsyncLifetime
{
    public PortalServer Portal { get; } = new() { Settings = { ["Portal:RecallLookup:StampCheckEvery"] = "00:00:00" } };

    public Task InitializeAsync() => Portal.InitializeAsync();
    public Task DisposeAsync() => Portal.DisposeAsync();
}

/// <summary>The public recall lookup at <c>/recalls/v1</c>, anonymous, over HTTP on the real database.</summary>
public sealed class RecallLookupTests(FreshRecallLookupPortal fixture) : IClassFixture<FreshRecallLookupPortal>
{
    private PortalServer Portal => fixture.Portal;

    private HttpClient Client() => new() { BaseAddress = Portal.BaseAddress };

    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await Portal.AsUserAsync(await Portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    [Fact]
    public async Task A_vin_with_an_open_and_a_remedied_recall_answers_the_open_one_field_for_field_and_never_a_deleted_one()
    {
        var vin = (await RecallTestData.AddVehiclesAsync(Portal, 1))[0];
        var number = RecallTestData.NewNumber();
        var open = await AsAdminAsync(sp => sp.GetRequiredService<CreateRecall>().HandleAsync(
            RecallTestData.DoNotDriveDraft(number) with { ParkOutside = true, Description = "Fittings \"may\" loosen <over> time." }));
        var remedied = await AsAdminAsync(sp => RecallTestData.CreateWithRemedyAsync(sp, RecallTestData.DoNotDriveDraft()));
        var deleted = await AsAdminAsync(sp => sp.GetRequiredService<CreateRecall>().HandleAsync(RecallTestData.DoNotDriveDraft()));
        await AsAdminAsync(sp => sp.GetRequiredService<CreateRemedy>().HandleAsync(open, "Update the brake controller.", RemedyType.Both));
        foreach (var id in new[] { open, remedied, deleted })
            await AsAdminAsync(sp => sp.GetRequiredService<AddRecallVehicles>().HandleAsync(id, vin));
        await AsAdminAsync(sp => sp.GetRequiredService<ServiceRecallVehicles>().HandleAsync(remedied, vin, new DateOnly(2024, 2, 1), "WO-9"));
        await AsAdminAsync(async sp => { await sp.GetRequiredService<DeleteRecall>().HandleAsync(deleted); return 0; });
        DateTimeOffset updated;
        await using (var db = Portal.CreateDb())
            updated = await db.Set<RecallDataUpdate>().MaxAsync(u => u.UpdatedAt);

        using var client = Client();
        using var response = await client.GetAsync($"recalls/v1/vin/{vin.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var stamp = updated.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        var expected = $$"""
            {"vin":"{{vin}}","lastUpdated":"{{stamp}}+00:00","Count":1,"Message":"Results returned successfully","results":[{"NHTSACampaignNumber":"{{number}}","Component":"Service brakes","Summary":"Fittings \"may\" loosen <over> time.","Consequence":"Loss of rear braking.","Remedy":"Update the brake controller.","ReportReceivedDate":"27/11/2023","parkIt":true,"parkOutSide":true,"overTheAirUpdate":true}]}
            """;
        Assert.Equal(expected, body);
    }

    [Fact]
    public async Task An_unknown_vin_gets_an_empty_list_and_a_serviced_vehicle_leaves_the_lookup()
    {
        using var client = Client();
        var unknown = RecallTestData.NewVin();
        var empty = await client.GetFromJsonAsync<JsonElement>($"recalls/v1/vin/{unknown}");
        Assert.Equal((0, 0), (empty.GetProperty("Count").GetInt32(), empty.GetProperty("results").GetArrayLength()));

        var vin = (await RecallTestData.AddVehiclesAsync(Portal, 1))[0];
        var id = await AsAdminAsync(sp => RecallTestData.CreateWithRemedyAsync(sp, RecallTestData.DoNotDriveDraft()));
        await AsAdminAsync(sp => sp.GetRequiredService<AddRecallVehicles>().HandleAsync(id, vin));
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>($"recalls/v1/vin/{vin}")).GetProperty("Count").GetInt32());
        await AsAdminAsync(sp => sp.GetRequiredService<ServiceRecallVehicles>().HandleAsync(id, vin));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>($"recalls/v1/vin/{vin}")).GetProperty("Count").GetInt32());
    }

    [Theory]
    [InlineData("NOTAVIN", "exactly 17 characters")]
    [InlineData("7F7ATR31XMER00019", "check digit")]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E", "17 characters")]
    [InlineData("'%20OR%201=1%20--", "17 characters")]
    [InlineData("%3DHYPERLINK(1)", "17 characters")]
    public async Task A_malformed_or_hostile_vin_is_a_400_problem_with_the_reason(string vin, string reason)
    {
        using var client = Client();
        using var response = await client.GetAsync($"recalls/v1/vin/{vin}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_vin_is_refused_and_the_dates_answer_the_first_and_latest_change()
    {
        using var client = Client();
        using var huge = await client.GetAsync($"recalls/v1/vin/{new string('A', 3000)}");
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("far too long", (await huge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        await AsAdminAsync(sp => sp.GetRequiredService<CreateRecall>().HandleAsync(RecallTestData.DoNotDriveDraft()));
        await using var db = Portal.CreateDb();
        var (first, last) = (await db.Set<RecallDataUpdate>().MinAsync(u => u.UpdatedAt), await db.Set<RecallDataUpdate>().MaxAsync(u => u.UpdatedAt));
        var initial = await client.GetFromJsonAsync<JsonElement>("recalls/v1/date/initial");
        var updated = await client.GetFromJsonAsync<JsonElement>("recalls/v1/date/updated");
        Assert.Equal(first, initial.GetProperty("value").GetDateTimeOffset());
        Assert.Equal(last, updated.GetProperty("value").GetDateTimeOffset());
    }
}

/// <summary>A portal whose recall lookup allows three requests a minute from one address.</summary>
public sealed class TightRecallLookupPortal : IAsyncLifetime
{
    public PortalServer Portal { get; } = new() { Settings = { ["Portal:RecallLookup:PermitsPerMinute"] = "3" } };

    public Task InitializeAsync() => Portal.InitializeAsync();
    public Task DisposeAsync() => Portal.DisposeAsync();
}

public sealed class RecallLookupRateLimitTests(TightRecallLookupPortal fixture) : IClassFixture<TightRecallLookupPortal>
{
    [Fact]
    public async Task A_client_over_the_limit_gets_a_429_problem_with_retry_after_whatever_route_or_vin_it_asks()
    {
        using var client = new HttpClient { BaseAddress = fixture.Portal.BaseAddress };
        using (var first = await client.GetAsync($"recalls/v1/vin/{RecallTestData.NewVin()}"))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var refusedVin = await client.GetAsync("recalls/v1/vin/NOTAVIN"))
            Assert.Equal(HttpStatusCode.BadRequest, refusedVin.StatusCode);
        using (var dates = await client.GetAsync("recalls/v1/date/updated"))
            Assert.Equal(HttpStatusCode.OK, dates.StatusCode);

        using var refused = await client.GetAsync($"recalls/v1/vin/{RecallTestData.NewVin()}");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var wait = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var statistics = await client.GetAsync("statistics/v1");
        Assert.Equal(HttpStatusCode.OK, statistics.StatusCode);
    }
}
