using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arc.Domain.Fleets;
using Arc.Domain.Telemetry;
using Arc.Domain.Vehicles;
using Arc.Infrastructure;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>A portal whose telemetry requests are counted, to see how many InfluxDB queries a figure costs.</summary>
public sealed class CountedTelemetryPortal : IAsyncLifetime
{
    public CountedTelemetryPortal() =>
        Portal.ConfigureServices = services => services.AddHttpClient(InfrastructureServiceCollectionExtensions.TelemetryClient)
            .AddHttpMessageHandler(() => new CountingHandler(this));

    public PortalServer Portal { get; } = new();

    private readonly List<string> _queries = [];

    /// <summary>How many odometer queries InfluxDB has had so far (nothing else in these tests asks for odometers).</summary>
    public int OdometerQueries()
    {
        lock (_queries)
            return _queries.Count(q => q.Contains("last_odometer", StringComparison.Ordinal));
    }

    public Task InitializeAsync() => Portal.InitializeAsync();
    public Task DisposeAsync() => Portal.DisposeAsync();

    private sealed class CountingHandler(CountedTelemetryPortal owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/query", StringComparison.Ordinal) && request.Content is not null)
            {
                var body = await request.Content.ReadAsStringAsync(cancellationToken);
                lock (owner._queries)
                    owner._queries.Add(body);
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>The public total mileage of a fleet at <c>GET /statistics/v1</c>, on real PostgreSQL and InfluxDB.</summary>
public sealed class FleetStatisticsTests(CountedTelemetryPortal fixture) : IClassFixture<CountedTelemetryPortal>
{
    private PortalServer Portal => fixture.Portal;

    private HttpClient Client() => new() { BaseAddress = Portal.BaseAddress };

    private static string NewVin() => "DEV-" + DemoData.MakeVin('S', 'T', Random.Shared.Next(10_000, 99_999));

    /// <summary>A fleet of its own with these vehicles, as rows the fleet pages would write.</summary>
    private async Task<string> CreateFleetAsync(IReadOnlyList<string> vins)
    {
        var name = "Statistics " + Guid.NewGuid().ToString("N")[..8];
        await using var db = Portal.CreateDb();
        var fleet = new Fleet { Name = name };
        db.Set<Fleet>().Add(fleet);
        await db.SaveChangesAsync();
        db.Set<Vehicle>().AddRange(vins.Select(v => new Vehicle { Vin = v, Created = DateTimeOffset.UtcNow }));
        db.Set<FleetVehicle>().AddRange(vins.Select(v => new FleetVehicle { Vin = v, FleetId = fleet.Id }));
        await db.SaveChangesAsync();
        return name;
    }

    private Task WriteOdometerAsync(string vin, double km, DateTimeOffset? at = null) =>
        Portal.Services.GetRequiredService<ITelemetryStore>().WriteAsync(
            [new TelemetrySample(vin, at ?? DateTimeOffset.UtcNow, new Dictionary<string, double> { ["odometer"] = km })]);

    /// <summary>Only a down-sampled odometer, as for a vehicle silent for longer than raw data is kept.</summary>
    private async Task WriteDownsampledOdometerAsync(string vin, double km)
    {
        var http = Portal.Services.GetRequiredService<IHttpClientFactory>().CreateClient(InfrastructureServiceCollectionExtensions.TelemetryClient);
        using var content = new StringContent($"telemetry,vin={vin} last_odometer={km} {DateTimeOffset.UtcNow.AddDays(-40).ToUnixTimeMilliseconds()}");
        using var response = await http.PostAsync("write?db=amtelemetry&rp=365d&precision=ms", content);
        response.EnsureSuccessStatusCode();
    }

    private async Task<(string Name, long Mileage)> GetAsync(string? fleetName)
    {
        using var client = Client();
        var url = fleetName is null ? "statistics/v1" : "statistics/v1?fleet_name=" + Uri.EscapeDataString(fleetName);
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("fleet_name").GetString()!, json.RootElement.GetProperty("total_mileage").GetInt64());
    }

    [Fact]
    public async Task Anyone_gets_the_sum_of_each_vehicles_latest_odometer_in_whole_miles_from_one_query()
    {
        var (moving, silent, never) = (NewVin(), NewVin(), NewVin());
        var name = await CreateFleetAsync([moving, silent, never]);
        await WriteOdometerAsync(moving, 1000, DateTimeOffset.UtcNow.AddHours(-2));
        await WriteOdometerAsync(moving, 1500.4);
        await WriteDownsampledOdometerAsync(silent, 500);
        var before = fixture.OdometerQueries();

        var (fleetName, mileage) = await GetAsync(name);

        Assert.Equal(name, fleetName);
        Assert.Equal(1243, mileage); // (1500.4 + 500) km × 0.62137 = 1242.99 mi
        Assert.Equal(before + 1, fixture.OdometerQueries());
    }

    [Fact]
    public async Task A_fleet_of_thousands_of_vehicles_costs_one_query_too()
    {
        var vins = Enumerable.Range(0, 3000).Select(i => "STAT-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant()).ToList();
        var name = await CreateFleetAsync(vins);
        await WriteOdometerAsync(vins[0], 100);
        await WriteOdometerAsync(vins[^1], 60.9344);
        var before = fixture.OdometerQueries();

        var (_, mileage) = await GetAsync(name);

        Assert.Equal(100, mileage); // 160.9344 km
        Assert.Equal(before + 1, fixture.OdometerQueries());
    }

    [Fact]
    public async Task A_second_request_within_five_minutes_is_answered_from_memory_without_reading_telemetry()
    {
        var vin = NewVin();
        var name = await CreateFleetAsync([vin]);
        await WriteOdometerAsync(vin, 1609.344);
        Assert.Equal(1000, (await GetAsync(name)).Mileage);
        var after = fixture.OdometerQueries();

        await WriteOdometerAsync(vin, 3218.688);

        Assert.Equal(1000, (await GetAsync(name)).Mileage);
        Assert.Equal(1000, (await GetAsync(" " + name + " ")).Mileage);
        Assert.Equal(after, fixture.OdometerQueries());
    }

    [Fact]
    public async Task Without_a_fleet_name_the_answer_is_for_the_makers_fleet()
    {
        await using var db = Portal.CreateDb();
        var maker = await db.Set<Fleet>().Where(f => f.Id == Fleet.MakerFleetId).Select(f => f.Name).SingleAsync();

        var (name, mileage) = await GetAsync(null);

        Assert.Equal(maker, name);
        Assert.True(mileage >= 0);
        Assert.Equal(maker, (await GetAsync("")).Name);
    }

    [Theory]
    [InlineData("No such fleet")]
    [InlineData("x' OR '1'='1")]
    [InlineData(".*")]
    public async Task An_unknown_fleet_is_a_404_problem_that_says_so(string fleetName)
    {
        using var client = Client();
        using var response = await client.GetAsync("statistics/v1?fleet_name=" + Uri.EscapeDataString(fleetName));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Not found.", problem.GetProperty("title").GetString());
        Assert.Equal($"Fleet '{fleetName}' does not exist.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(101, "at most 100 characters")]
    [InlineData(5000, "at most 100 characters")]
    [InlineData(0, "control characters")]
    public async Task A_malformed_fleet_name_is_a_400_problem(int length, string message)
    {
        var fleetName = length == 0 ? "Eugene\u0001Rentals" : new string('x', length);
        using var client = Client();
        using var response = await client.GetAsync("statistics/v1?fleet_name=" + Uri.EscapeDataString(fleetName));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("fleet_name", out _));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_statistic_and_its_refusals()
    {
        using var client = Client();
        using var json = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json"));
        var operation = json.RootElement.GetProperty("paths").GetProperty("/statistics/v1").GetProperty("get");
        Assert.Equal("GetFleetStatistics", operation.GetProperty("operationId").GetString());
        Assert.Equal("fleet_name", operation.GetProperty("parameters")[0].GetProperty("name").GetString());
        foreach (var status in new[] { "200", "400", "404", "429" })
            Assert.True(operation.GetProperty("responses").TryGetProperty(status, out _), status);
    }
}
