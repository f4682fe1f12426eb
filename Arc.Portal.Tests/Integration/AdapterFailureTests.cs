using System.Net;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Shadows;
using Arc.Domain.Telemetry;
using Arc.Domain.Users;
using Arc.Infrastructure;
using Arc.Infrastructure.Authorities;
using Arc.Infrastructure.Aws;
using Arc.Infrastructure.Provisioning;
using Arc.Infrastructure.Shadows;
using Arc.Infrastructure.Telemetry;
using Arc.Infrastructure.Users;
using Arc.Portal.Tests.Support;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// Every adapter, pointed at a port nothing listens on or at a peer that answers with an error, fails with the domain's
/// error and a sentence a page may show: no address, stack or secret; what the peer said stays inside, for the log.
/// </summary>
public sealed class AdapterFailureTests : IAsyncLifetime
{
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private StubPeer _peer = default!;

    public async Task InitializeAsync() => _peer = await StubPeer.StartAsync();

    public async Task DisposeAsync() => await _peer.DisposeAsync();

    private static void AssertPageSafe(DomainException error, Uri peer)
    {
        Assert.NotNull(error.InnerException);
        foreach (var leak in new[] { peer.Host, peer.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "http", " at ", "Exception", SecretKey, "<html" })
            Assert.DoesNotContain(leak, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static HttpClient Client(Uri url) => new() { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };

    private static Task<ShadowDocument?> ReadShadow(Uri url) => new AwsDeviceShadows(Client(url), TimeProvider.System).GetAsync("DEV-7F7ATR31XLER00019");

    [Fact]
    public async Task Device_shadows_on_a_dead_port_are_unavailable()
    {
        var dead = StubPeer.DeadUrl();
        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => ReadShadow(dead));
        Assert.IsType<HttpRequestException>(error.InnerException);
        AssertPageSafe(error, dead);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, typeof(ServiceUnavailableException))]
    [InlineData(HttpStatusCode.TooManyRequests, typeof(ServiceUnavailableException))]
    [InlineData(HttpStatusCode.Conflict, typeof(ConflictException))]
    [InlineData(HttpStatusCode.BadRequest, typeof(ValidationFailedException))]
    public async Task Device_shadow_error_answers_become_the_domains_errors(HttpStatusCode status, Type expected)
    {
        _peer.Answer(status, $"{{\"message\":\"secret detail {SecretKey}\"}}");
        var shadows = new AwsDeviceShadows(Client(_peer.Url), TimeProvider.System);
        var error = await Assert.ThrowsAnyAsync<DomainException>(() => shadows.UpdateAsync("DEV-7F7ATR31XLER00019",
            new ShadowUpdate(new System.Text.Json.Nodes.JsonObject { ["record_gps"] = true }, null, ExpectedVersion: 3)));
        Assert.IsType(expected, error);
        Assert.Contains("secret detail", error.InnerException!.Message, StringComparison.Ordinal);
        AssertPageSafe(error, _peer.Url);
    }

    [Fact]
    public async Task A_shadow_answer_that_is_not_json_is_unavailable()
    {
        _peer.Answer(HttpStatusCode.OK, "<html>proxy login</html>");
        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => ReadShadow(_peer.Url));
        AssertPageSafe(error, _peer.Url);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, typeof(NotFoundException))]
    [InlineData(HttpStatusCode.Conflict, typeof(ConflictException))]
    [InlineData(HttpStatusCode.InternalServerError, typeof(ServiceUnavailableException))]
    public async Task Device_registry_error_answers_become_the_domains_errors(HttpStatusCode status, Type expected)
    {
        _peer.Answer(status, "{\"message\":\"ResourceNotFoundException or worse\"}");
        var registry = new AwsDeviceRegistry(Client(_peer.Url), TimeProvider.System, "iot.example", "-----BEGIN CERTIFICATE-----");
        var error = await Assert.ThrowsAnyAsync<DomainException>(() => registry.CreateCertificateAsync("DEV-7F7ATR31XLER00019", ["policy"]));
        Assert.IsType(expected, error);
        AssertPageSafe(error, _peer.Url);
    }

    [Fact]
    public async Task A_registry_answer_missing_a_field_is_unavailable_not_a_null_reference()
    {
        _peer.Answer(HttpStatusCode.OK, "{\"certificateId\":\"abc\"}");
        var registry = new AwsDeviceRegistry(Client(_peer.Url), TimeProvider.System, "iot.example", "-----BEGIN CERTIFICATE-----");
        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => registry.CreateCertificateAsync("DEV-7F7ATR31XLER00019", []));
        Assert.Contains("certificateArn", error.InnerException!.Message, StringComparison.Ordinal);
        AssertPageSafe(error, _peer.Url);
    }

    private static CognitoUserDirectory Cognito(Uri url) => new(Client(url), "us-west-2_pool", TimeProvider.System);

    [Fact]
    public async Task The_user_directory_on_a_dead_port_is_unavailable()
    {
        var dead = StubPeer.DeadUrl();
        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => Cognito(dead).SetEnabledAsync("someone", false));
        AssertPageSafe(error, dead);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "<html>Bad gateway</html>", typeof(ServiceUnavailableException))]
    [InlineData(HttpStatusCode.BadRequest, "{\"__type\":\"UsernameExistsException\",\"message\":\"exists\"}", typeof(ConflictException))]
    [InlineData(HttpStatusCode.BadRequest, "{\"__type\":\"UserNotFoundException\",\"message\":\"gone\"}", typeof(NotFoundException))]
    [InlineData(HttpStatusCode.BadRequest, "{\"__type\":\"InvalidPasswordException\",\"message\":\"short\"}", typeof(ValidationFailedException))]
    [InlineData(HttpStatusCode.NotFound, "", typeof(NotFoundException))]
    [InlineData(HttpStatusCode.Conflict, "", typeof(ConflictException))]
    public async Task User_directory_error_answers_become_the_domains_errors(HttpStatusCode status, string body, Type expected)
    {
        _peer.Answer(status, body);
        var error = await Assert.ThrowsAnyAsync<DomainException>(() =>
            Cognito(_peer.Url).CreateAsync(new NewDirectoryUser("someone@arc.test", "Someone", null, "Temp-Passw0rd!")));
        Assert.IsType(expected, error);
        AssertPageSafe(error, _peer.Url);
    }

    [Fact]
    public async Task The_key_service_on_a_dead_port_is_unavailable()
    {
        var dead = StubPeer.DeadUrl();
        using var kms = new AmazonKeyManagementServiceClient(new BasicAWSCredentials("AKIDEXAMPLE", SecretKey),
            new AmazonKeyManagementServiceConfig { ServiceURL = dead.ToString(), AuthenticationRegion = "us-west-2", MaxErrorRetry = 0 });
        var vault = new KmsKeyVault(kms, "key-1");
        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() => vault.SealAsync([1, 2, 3], new SealContext("pin", "7")));
        AssertPageSafe(error, dead);
    }

    private sealed class FixedClients(Uri url) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => Client(url);
    }

    private static InfluxTelemetryStore Influx(Uri url) =>
        new(new FixedClients(url), Options.Create(new TelemetryOptions { Url = url, Database = "arc" }));

    private static readonly TelemetrySample Sample =
        new("DEV-7F7ATR31XLER00019", DateTimeOffset.UtcNow, new Dictionary<string, double> { ["speed"] = 42 });

    [Fact]
    public async Task A_stopped_telemetry_store_is_unavailable_for_reads_writes_and_the_schema()
    {
        var dead = StubPeer.DeadUrl();
        var store = Influx(dead);
        var read = await Assert.ThrowsAsync<ServiceUnavailableException>(() => store.LatestAsync(Sample.Vin, [TelemetryPoint.Parse("speed")]));
        var write = await Assert.ThrowsAsync<ServiceUnavailableException>(() => store.WriteAsync([Sample]));
        var schema = await Assert.ThrowsAsync<ServiceUnavailableException>(() => InfluxSchema.EnsureAsync(Client(dead), "arc"));
        foreach (var error in new DomainException[] { read, write, schema })
            AssertPageSafe(error, dead);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "<html>oops</html>", typeof(ServiceUnavailableException))]
    [InlineData(HttpStatusCode.BadRequest, "{\"error\":\"field type conflict\"}", typeof(ValidationFailedException))]
    [InlineData(HttpStatusCode.NotFound, "{\"error\":\"database not found: arc\"}", typeof(ServiceUnavailableException))]
    public async Task Telemetry_write_refusals_become_the_domains_errors(HttpStatusCode status, string body, Type expected)
    {
        _peer.Answer(status, body);
        var error = await Assert.ThrowsAnyAsync<DomainException>(() => Influx(_peer.Url).WriteAsync([Sample]));
        Assert.IsType(expected, error);
        AssertPageSafe(error, _peer.Url);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "<html>oops</html>")]
    [InlineData(HttpStatusCode.OK, "{\"results\":[{\"error\":\"shard unavailable\"}]}")]
    [InlineData(HttpStatusCode.OK, "not json")]
    public async Task Telemetry_query_failures_are_unavailable(HttpStatusCode status, string body)
    {
        _peer.Answer(status, body);
        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() =>
            Influx(_peer.Url).SeriesAsync(Sample.Vin, TelemetryPoint.Parse("speed"), TelemetryRange.Last(TimeSpan.FromHours(1), DateTimeOffset.UtcNow)));
        AssertPageSafe(error, _peer.Url);
    }
}
