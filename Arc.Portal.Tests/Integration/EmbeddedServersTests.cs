using Arc.Infrastructure;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Telemetry;
using Arc.Portal.Tests.Support;
using Npgsql;

namespace Arc.Portal.Tests.Integration;

public sealed class EmbeddedServersTests
{
    [Fact]
    public async Task The_telemetry_database_has_its_retention_policies_with_30d_as_default()
    {
        var servers = await TestServers.GetAsync();
        using var http = new HttpClient { BaseAddress = servers.Influx!.Url };
        await InfluxSchema.EnsureAsync(http, "amtelemetry");
        await InfluxSchema.EnsureAsync(http, "amtelemetry"); // a second start changes nothing
        var policies = await InfluxSchema.RetentionPoliciesAsync(http, "amtelemetry");
        Assert.Contains("30d", policies);
        Assert.Contains("365d", policies);

        using var content = new FormUrlEncodedContent([new("q", "SHOW RETENTION POLICIES ON amtelemetry")]);
        using var json = System.Text.Json.JsonDocument.Parse(await (await http.PostAsync("query", content)).Content.ReadAsStringAsync());
        var rows = json.RootElement.GetProperty("results")[0].GetProperty("series")[0].GetProperty("values").EnumerateArray()
            .ToDictionary(r => r[0].GetString()!, r => (Duration: r[1].GetString(), IsDefault: r[4].GetBoolean()));
        Assert.Equal(("720h0m0s", true), rows["30d"]);
        Assert.Equal(("8760h0m0s", false), rows["365d"]);
    }

    [Fact]
    public async Task A_postgresql_cluster_survives_a_stop_and_start_in_the_same_folder()
    {
        var directory = Path.Combine(Path.GetTempPath(), "arc-tests-restart-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using (var first = await PostgresServer.StartAsync(directory, 0, "keep", throwAway: false))
            {
                await using var connection = new NpgsqlConnection(first.ConnectionString);
                await connection.OpenAsync();
                await new NpgsqlCommand("CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)", connection).ExecuteNonQueryAsync();
            }
            await using var second = await PostgresServer.StartAsync(directory, 0, "keep", throwAway: false);
            await using var again = new NpgsqlConnection(second.ConnectionString);
            await again.OpenAsync();
            Assert.Equal(42, await new NpgsqlCommand("SELECT id FROM kept", again).ExecuteScalarAsync());
            Assert.Equal("127.0.0.1", new NpgsqlConnectionStringBuilder(second.ConnectionString).Host);
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // The OS cleans /tmp.
            }
        }
    }

    [Fact]
    public async Task With_connection_strings_configured_the_portal_starts_no_server_of_its_own()
    {
        var servers = await TestServers.GetAsync();
        var connection = await TestServers.CreateDatabaseAsync("configured");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = connection,
            ["Telemetry:Url"] = servers.Influx!.Url.ToString(),
        });
        builder.AddInfrastructure();
        await using var provider = builder.Services.BuildServiceProvider();
        Assert.Null(provider.GetService<EmbeddedServers>());
    }

    [Fact]
    public void Outside_development_missing_connection_strings_stop_the_start()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        var error = Assert.Throws<InvalidOperationException>(() => builder.AddInfrastructure());
        Assert.Contains("ConnectionStrings:Portal", error.Message, StringComparison.Ordinal);
    }
}
