using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Arc.Domain.Common;
using Arc.Domain.Credentials;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Arc.Bench;

/// <summary>
/// The HTTP API's overhead: <c>GET /api/v1/vehicles/{vin}</c> and <c>GET /api/v1/vehicles</c> with a service
/// credential's bearer token, against the portal in a process of its own. Each call is measured against the same use
/// case's own time in the portal during that call (the Server-Timing the API answers with), which leaves exactly what the
/// API adds: loopback HTTP, the token and permission checks, the rate limit, binding and writing the answer. Also against
/// the use cases (GetVehicle, ListVehicles) called in this process on the same database in the same run: a quiet
/// process that runs nothing else, where the same query runs faster than in a server doing its background work. Then
/// requests per second for one vehicle from several concurrent clients. The credential's rate limit is lifted for the run.
/// </summary>
public static class ApiBenchmark
{
    private const int Clients = 8;

    public static async Task RunAsync(BenchRun run)
    {
        var vehicles = (int)run.Size(10_000, 200);
        var (warmup, iterations) = run.Pick((100, 1000), (10, 40));
        var loadTime = run.Pick(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
        var directory = BenchRun.TempDirectory();
        await using var servers = await EmbeddedServers.StartAsync(Path.Combine(directory, "servers"), postgres: true, influx: true,
            new DevServicesOptions { PostgresPort = 0, InfluxPort = 0, Database = "arc_bench" }, throwAway: true);
        await using var portal = await PortalProcess.StartAsync(servers, Path.Combine(directory, "portal"), AsDeployed());
        var database = servers.Postgres!.ConnectionString;
        await using var app = await BenchHost.StartAsync(database, services => services.AddSingleton<ICurrentUser>(new Administrator()),
            // The portal runs in Development, whose VINs are kept with their DEV- prefix; the in-process calls see them the same.
            new Dictionary<string, string?> { ["Portal:Environment"] = "dev" });

        var vins = await SeedAsync(database, vehicles);
        Console.WriteLine($"Seeded {vins.Count:N0} vehicles");
        IssuedCredentialSecret credential;
        await using (var scope = app.Services.CreateAsyncScope())
            credential = await scope.ServiceProvider.GetRequiredService<CreateServiceCredential>().HandleAsync(
                new NewServiceCredential("Bench reader", "The api benchmark's client", [SeedGroups.ByMachineName("support").Id],
                    DateTimeOffset.UtcNow.AddDays(1)));
        using var http = Client(portal);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, credential));

        var random = new Random(11);
        string NextVin() => vins[random.Next(vins.Count)];
        var rows = new List<Row>
        {
            await RowAsync("get_vehicle", warmup, iterations, () => $"api/v1/vehicles/{NextVin()}", http,
                () => InProcessAsync(app.Services, s => s.GetRequiredService<GetVehicle>().HandleAsync(NextVin()))),
            await RowAsync("list_vehicles", warmup, iterations, () => "api/v1/vehicles?pageSize=20", http,
                () => InProcessAsync(app.Services, s => s.GetRequiredService<ListVehicles>().HandleAsync(new ListVehiclesQuery()))),
        };
        var perSecond = await RequestsPerSecondAsync(http, vins, loadTime);
        // What a call costs the portal before any API work: HTTP on loopback and the middleware, anonymous, answered from memory.
        using var anonymous = Client(portal);
        var bare = await Timing.MeasureAsync(warmup, iterations, () => GetAsync(anonymous, "health"));
        // And what its token and permission checks cost: a credential without the permission, refused before the use case.
        IssuedCredentialSecret powerless;
        await using (var scope = app.Services.CreateAsyncScope())
            powerless = await scope.ServiceProvider.GetRequiredService<CreateServiceCredential>().HandleAsync(
                new NewServiceCredential("Bench nobody", "Holds no permission", [SeedGroups.ByMachineName("arcimoto").Id], DateTimeOffset.UtcNow.AddDays(1)));
        using var refusedClient = Client(portal);
        refusedClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(refusedClient, powerless));
        var refused = await Timing.MeasureAsync(warmup, iterations, () => GetAsync(refusedClient, $"api/v1/vehicles/{NextVin()}", HttpStatusCode.Forbidden));

        Console.WriteLine();
        Console.WriteLine("| call | API p50 ms | API p95 ms | in the portal p50 ms | in the portal p95 ms | p95 ratio | in-process p50 ms | in-process p95 ms | p95 ratio |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            Console.WriteLine($"| {r.Figure} | {r.Api.P50:F2} | {r.Api.P95:F2} | {r.InPortal.P50:F2} | {r.InPortal.P95:F2} | {r.Api.P95 / r.InPortal.P95:F2} "
                + $"| {r.InProcess.P50:F2} | {r.InProcess.P95:F2} | {r.Api.P95 / r.InProcess.P95:F2} |");
        Console.WriteLine($"GET one vehicle from {Clients} clients: {perSecond:F0} requests a second");
        var met = rows.All(r => r.Api.P95 <= 1.5 * r.InPortal.P95);
        Console.WriteLine(met ? "Target met: the API's p95 within 1.5x of the use case's own time in the portal"
            : "TARGET MISSED: the API's p95 within 1.5x of the use case's own time in the portal");
        run.Figure("vehicles", vins.Count);
        foreach (var r in rows)
        {
            run.Figure($"{r.Figure}_p50_ms", r.Api.P50);
            run.Figure($"{r.Figure}_p95_ms", r.Api.P95);
            run.Figure($"{r.Figure}_in_portal_p95_ms", r.InPortal.P95);
            run.Figure($"{r.Figure}_p95_ratio_in_portal", r.Api.P95 / r.InPortal.P95);
            run.Figure($"{r.Figure}_inprocess_p95_ms", r.InProcess.P95);
            run.Figure($"{r.Figure}_p95_ratio", r.Api.P95 / r.InProcess.P95);
        }
        run.Figure("get_vehicle_requests_per_s", perSecond);
        run.Figure("health_p50_ms", bare.P50);
        run.Figure("health_p95_ms", bare.P95);
        run.Figure("refused_p50_ms", refused.P50);
        run.Figure("refused_p95_ms", refused.P95);
    }

    /// <summary>
    /// The portal as a deployment runs it (Production: no developer error page or development asset handler), its token keys
    /// given as a deployment gives them, behind a proxy on loopback that ends TLS (so the token endpoint's HTTPS rule holds).
    /// </summary>
    private static Dictionary<string, string> AsDeployed()
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Portal__DemoData"] = "true",
            ["Portal__Environment"] = "dev",
            ["Portal__ForwardedHeaders__KnownProxies"] = "127.0.0.1",
            ["Api__Tokens__PermitsPerMinute"] = "100000000",
        };
        // As environment variables, the settings' sections are separated by a double underscore.
        foreach (var (key, value) in ThrowAwayTokenCertificates.Settings("Arc bench", TimeSpan.FromDays(1)))
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        return settings;
    }

    /// <summary>A client as the proxy forwards it: the scheme the caller used was HTTPS.</summary>
    private static HttpClient Client(PortalProcess portal)
    {
        var client = new HttpClient { BaseAddress = portal.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    /// <param name="Api">The whole call, at the client.</param>
    /// <param name="InPortal">The use case's own time in the portal during those calls (its Server-Timing answer).</param>
    /// <param name="InProcess">The same use case called in this process, which runs nothing else.</param>
    private sealed record Row(string Figure, (double P50, double P95) Api, (double P50, double P95) InPortal, (double P50, double P95) InProcess);

    private static async Task<Row> RowAsync(string figure, int warmup, int iterations, Func<string> path, HttpClient http, Func<Task> inProcess)
    {
        var inPortal = new List<double>();
        var api = await Timing.MeasureAsync(warmup, iterations, async () => inPortal.Add(await GetAsync(http, path())
            ?? throw new InvalidOperationException($"GET {path()} answered without its Server-Timing")));
        // The warm-up calls came first.
        var timed = inPortal.Skip(warmup).Order().ToArray();
        return new Row(figure, api, (timed[timed.Length / 2], timed[Math.Min(timed.Length - 1, (int)(timed.Length * 0.95))]),
            await Timing.MeasureAsync(warmup, iterations, inProcess));
    }

    /// <summary>Calls, reads the whole answer as a client does, and returns the operation's own time the portal reported.</summary>
    private static async Task<double?> GetAsync(HttpClient http, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await http.GetAsync(path);
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await response.Content.ReadAsByteArrayAsync();
        return response.Headers.TryGetValues("Server-Timing", out var values)
            && Regex.Match(string.Join(',', values), @"(?:^|,)\s*app;dur=([0-9.]+)") is { Success: true } match
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static async Task InProcessAsync<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> call)
    {
        await using var scope = services.CreateAsyncScope();
        var answer = await call(scope.ServiceProvider);
        // The API serialises what the use case answers; so does its in-process counterpart, to compare like with like.
        JsonSerializer.SerializeToUtf8Bytes(answer, JsonSerializerOptions.Web);
    }

    private static async Task<double> RequestsPerSecondAsync(HttpClient http, IReadOnlyList<string> vins, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var done = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            var random = new Random(client);
            while (clock.Elapsed < duration)
            {
                await GetAsync(http, $"api/v1/vehicles/{vins[random.Next(vins.Count)]}");
                Interlocked.Increment(ref done);
            }
        }));
        return done / clock.Elapsed.TotalSeconds;
    }

    private static async Task<string> TokenAsync(HttpClient http, IssuedCredentialSecret credential)
    {
        using var response = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = credential.ClientId,
            ["client_secret"] = credential.Secret,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The token endpoint refused the bench's credential: {body}");
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>Vehicles of the bench's own, beside the demo data's, each with a model release.</summary>
    private static async Task<List<string>> SeedAsync(string connectionString, int count)
    {
        var vins = Enumerable.Range(0, count).Select(i => DemoData.MakeVin('T', 'S', 90_000 - count + i)).ToList();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO main.vehicle (vin, created, model_release_id) " +
            "SELECT v, now(), (SELECT min(model_release_id) FROM main.vehicle_model_release) FROM unnest($1) AS v ON CONFLICT DO NOTHING",
            connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = vins.Select(v => "DEV-" + v).ToArray() });
        await insert.ExecuteNonQueryAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE main.vehicle", connection);
        await analyze.ExecuteNonQueryAsync();
        return vins;
    }

    /// <summary>The administrator who creates the bench's credential; also reads vehicles in-process.</summary>
    private sealed class Administrator : ICurrentUser
    {
        private static readonly IReadOnlySet<string> Permissions = PermissionCatalogue.All.Select(p => p.Name).ToHashSet();

        public Task<string?> GetUsernameAsync(CancellationToken ct = default) => Task.FromResult<string?>("bench-admin");

        public Task<IReadOnlySet<string>> GetPermissionsAsync(CancellationToken ct = default) => Task.FromResult(Permissions);
    }
}
