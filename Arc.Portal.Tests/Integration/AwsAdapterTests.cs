using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.KeyManagementService;
using Amazon.Runtime;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Shadows;
using Arc.Infrastructure.Authorities;
using Arc.Infrastructure.Aws;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Shadows;
using Arc.Portal.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Arc.Portal.Tests.Integration;

public class AwsAdapterTests
{
    // The AWS SigV4 test suite's credentials and date (shared/testdata/sigv4.md).
    private static readonly AwsCredentials Example = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private const string ExampleDate = "20150830T123600Z";

    [Theory]
    [InlineData("/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
    [InlineData("/?Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")]
    public void The_signer_reproduces_the_published_test_vectors(string pathAndQuery, string signature)
    {
        var headers = new Dictionary<string, string> { ["host"] = "example.amazonaws.com", ["x-amz-date"] = ExampleDate };
        var authorization = SigV4Signer.Authorization("GET", new Uri("https://example.amazonaws.com" + pathAndQuery), headers, [], Example,
            "us-east-1", "service", ExampleDate);
        Assert.Equal($"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature={signature}",
            authorization);
    }

    [Fact]
    public async Task A_shadow_update_is_signed_exactly_as_the_aws4_package_signs_it()
    {
        var body = "{\"state\":{\"desired\":{\"record_gps\":true}}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc123-ats.iot.us-west-2.amazonaws.com/things/DEV-7F7ATR31XLER00019/shadow")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        await SigV4Signer.SignAsync(request, Example, "us-west-2", "iotdata", new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero));
        var ours = request.Headers.GetValues("Authorization").Single();

        var input = JsonSerializer.Serialize(new
        {
            host = "abc123-ats.iot.us-west-2.amazonaws.com", method = "POST", path = "/things/DEV-7F7ATR31XLER00019/shadow", body,
            headers = new Dictionary<string, string> { ["Content-Type"] = "application/json; charset=utf-8", ["X-Amz-Date"] = ExampleDate },
            service = "iotdata", region = "us-west-2", accessKeyId = Example.AccessKey, secretAccessKey = Example.SecretKey,
        });
        Environment.SetEnvironmentVariable("ARC_TOOLS", Path.Combine(EmbeddedServers.RepositoryRoot(AppContext.BaseDirectory), "tools"));
        var theirs = await ExternalTools.RunAsync("node", ExternalTools.ScriptPath("aws4-sign.js"), input);
        Assert.Equal(theirs, ours);
        Assert.Contains("/us-west-2/iotdata/aws4_request", ours, StringComparison.Ordinal);
    }

    private sealed class ScriptedAws : HttpMessageHandler
    {
        public List<(HttpMethod Method, string Path, string? Body, string Authorization, string? Date)> Requests { get; } = [];
        public Queue<(HttpStatusCode Status, string Body)> Answers { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.Method, request.RequestUri!.AbsolutePath, request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken),
                request.Headers.GetValues("Authorization").Single(), request.Headers.GetValues("X-Amz-Date").SingleOrDefault()));
            var (status, body) = Answers.Count > 0 ? Answers.Dequeue() : (HttpStatusCode.OK, "{}");
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }
    }

    private sealed class FixedCredentials : IAwsCredentialSource
    {
        public Task<AwsCredentials> GetAsync(CancellationToken ct = default) => Task.FromResult(Example);
    }

    private static (AwsDeviceShadows Shadows, ScriptedAws Aws) Shadows()
    {
        var aws = new ScriptedAws();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        time.AutoAdvanceAmount = TimeSpan.FromSeconds(1);
        var handler = new SigV4Handler(new FixedCredentials(), "us-west-2", AwsDeviceShadows.SigningName, time) { InnerHandler = aws };
        var http = new HttpClient(handler) { BaseAddress = new Uri("https://abc123-ats.iot.us-west-2.amazonaws.com/") };
        return (new AwsDeviceShadows(http, TimeProvider.System), aws);
    }

    private const string ShadowJson = """
        {"state":{"desired":{"record_gps":true},"reported":{"record_gps":false},"delta":{"record_gps":true}},
         "metadata":{"desired":{"record_gps":{"timestamp":1764072000}}},"version":7,"timestamp":1764072005}
        """;

    [Fact]
    public async Task An_update_posts_the_state_with_the_expected_version_and_reads_the_whole_document_back()
    {
        var (shadows, aws) = Shadows();
        aws.Answers.Enqueue((HttpStatusCode.OK, "{\"state\":{\"desired\":{\"record_gps\":true}},\"version\":7}"));
        aws.Answers.Enqueue((HttpStatusCode.OK, ShadowJson));
        var document = await shadows.UpdateAsync("DEV-7F7ATR31XLER00019", new ShadowUpdate(new JsonObject { ["record_gps"] = true }, null, ExpectedVersion: 6));

        Assert.Equal(7, document.Version);
        Assert.Equal(ShadowSync.Pending, ShadowStatus.Of(document));
        var (method, path, body, authorization, date) = aws.Requests[0];
        Assert.Equal(HttpMethod.Post, method);
        Assert.Equal("/things/DEV-7F7ATR31XLER00019/shadow", path);
        Assert.Equal("{\"state\":{\"desired\":{\"record_gps\":true}},\"version\":6}", body);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-west-2/iotdata/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date, Signature=", authorization, StringComparison.Ordinal);
        Assert.Equal("20261125T120000Z", date);
        Assert.Equal(HttpMethod.Get, aws.Requests[1].Method);
    }

    [Fact]
    public async Task Aws_errors_map_to_the_portals_answers()
    {
        var (shadows, aws) = Shadows();
        aws.Answers.Enqueue((HttpStatusCode.NotFound, "{\"message\":\"No shadow exists with name: 'X'\"}"));
        Assert.Null(await shadows.GetAsync("X"));

        aws.Answers.Enqueue((HttpStatusCode.Conflict, "{\"code\":409,\"message\":\"Version conflict\"}"));
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => shadows.UpdateAsync("X", new ShadowUpdate(new JsonObject { ["a"] = 1 }, null, 3)));
        Assert.Contains("changed meanwhile", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("Version conflict", conflict.InnerException!.Message, StringComparison.Ordinal); // AWS's words: for the log

        aws.Answers.Enqueue((HttpStatusCode.NotFound, "{}"));
        Assert.False(await shadows.DeleteAsync("X"));
        aws.Answers.Enqueue((HttpStatusCode.BadRequest, "{\"message\":\"Invalid JSON\"}"));
        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => shadows.UpdateAsync("X", new ShadowUpdate(new JsonObject { ["a"] = 1 }, null)));
        Assert.DoesNotContain("Invalid JSON", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_is_retried_with_a_fresh_signature_and_then_succeeds()
    {
        var (shadows, aws) = Shadows();
        aws.Answers.Enqueue((HttpStatusCode.TooManyRequests, "{\"message\":\"Rate exceeded\"}"));
        aws.Answers.Enqueue((HttpStatusCode.ServiceUnavailable, "{}"));
        aws.Answers.Enqueue((HttpStatusCode.OK, ShadowJson));
        var document = await shadows.GetAsync("DEV-7F7ATR31XLER00019");
        Assert.Equal(7, document!.Version);
        Assert.Equal(3, aws.Requests.Count);
        Assert.Equal(3, aws.Requests.Select(r => r.Authorization).Distinct().Count());
    }

    [Fact]
    public async Task Throttling_that_does_not_stop_is_reported_after_the_last_attempt()
    {
        var (shadows, aws) = Shadows();
        for (var i = 0; i < AwsDeviceShadows.MaxAttempts; i++)
            aws.Answers.Enqueue((HttpStatusCode.TooManyRequests, "{\"message\":\"Rate exceeded\"}"));
        var error = await Assert.ThrowsAsync<Arc.Domain.Common.ServiceUnavailableException>(() => shadows.GetAsync("X"));
        Assert.DoesNotContain("Rate exceeded", error.Message, StringComparison.Ordinal); // AWS's words go to the log, not to the user
        Assert.Contains("429", error.Cause.Message, StringComparison.Ordinal);
        Assert.Equal(AwsDeviceShadows.MaxAttempts, aws.Requests.Count);
    }

    /// <summary>
    /// A KMS peer for the vault: it records each signed request and answers Encrypt/Decrypt with a reversible stand-in for
    /// encryption that, like KMS, remembers the encryption context and refuses to decrypt without exactly that context.
    /// </summary>
    private sealed class FakeKms : IAsyncDisposable
    {
        private readonly WebApplication _app;

        public List<(string Target, string Authorization, JsonElement Body)> Seen { get; } = [];

        public AmazonKeyManagementServiceClient Client { get; private set; } = default!;

        private FakeKms(WebApplication app) => _app = app;

        public static async Task<FakeKms> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var fake = new FakeKms(builder.Build());
            fake._app.MapPost("/", fake.AnswerAsync);
            await fake._app.StartAsync();
            var url = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            fake.Client = new AmazonKeyManagementServiceClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
                new AmazonKeyManagementServiceConfig { ServiceURL = url, AuthenticationRegion = "us-west-2", MaxErrorRetry = 0 });
            return fake;
        }

        private static string ContextOf(JsonElement body) =>
            body.TryGetProperty("EncryptionContext", out var context)
                ? string.Join("&", context.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value.GetString()}"))
                : "";

        private async Task AnswerAsync(HttpContext context)
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var target = context.Request.Headers["X-Amz-Target"].ToString();
            Seen.Add((target, context.Request.Headers.Authorization.ToString(), body.RootElement.Clone()));
            context.Response.ContentType = "application/x-amz-json-1.1";
            if (target == "TrentService.Encrypt")
            {
                // The blob: the context it was sealed with, a zero byte, then the plaintext reversed.
                var plain = Convert.FromBase64String(body.RootElement.GetProperty("Plaintext").GetString()!);
                Array.Reverse(plain);
                var blob = Encoding.UTF8.GetBytes(ContextOf(body.RootElement)).Append((byte)0).Concat(plain).ToArray();
                await context.Response.WriteAsync(JsonSerializer.Serialize(new { CiphertextBlob = Convert.ToBase64String(blob), KeyId = "arn:aws:kms:us-west-2:1:key/k" }));
                return;
            }
            var stored = Convert.FromBase64String(body.RootElement.GetProperty("CiphertextBlob").GetString()!);
            var split = Array.IndexOf(stored, (byte)0);
            if (Encoding.UTF8.GetString(stored, 0, split) != ContextOf(body.RootElement))
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsync("{\"__type\":\"InvalidCiphertextException\",\"message\":\"\"}");
                return;
            }
            var plaintext = stored[(split + 1)..];
            Array.Reverse(plaintext);
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { Plaintext = Convert.ToBase64String(plaintext), KeyId = "arn:aws:kms:us-west-2:1:key/k" }));
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private const string DefaultCmk = "0e6e6f67-26ba-48cc-9788-4acab6de74bb";

    [Fact]
    public async Task The_kms_vault_sends_signed_trent_service_requests_and_round_trips_a_key_bound_to_its_context()
    {
        await using var kms = await FakeKms.StartAsync();
        var vault = new KmsKeyVault(kms.Client, DefaultCmk);
        var (pem, point) = AuthorityKeyPair.Generate();
        var context = SealContext.AuthorityKey(point);

        var sealedKey = await vault.SealAsync(pem, context);
        Assert.Equal(KmsKeyVault.ContextPrefix + DefaultCmk, sealedKey.KeyReference);
        Assert.True(vault.IsCurrent(sealedKey));
        Assert.Equal(pem, await vault.UnsealAsync(sealedKey, context));

        Assert.Equal(["TrentService.Encrypt", "TrentService.Decrypt"], kms.Seen.Select(s => s.Target));
        var encrypt = kms.Seen[0].Body;
        Assert.Equal(DefaultCmk, encrypt.GetProperty("KeyId").GetString());
        Assert.Equal(pem, Convert.FromBase64String(encrypt.GetProperty("Plaintext").GetString()!));
        Assert.Equal(SealPurposes.AuthorityKey, encrypt.GetProperty("EncryptionContext").GetProperty("purpose").GetString());
        Assert.Equal(Convert.ToBase64String(point), encrypt.GetProperty("EncryptionContext").GetProperty("subject").GetString());
        var decrypt = kms.Seen[1].Body;
        Assert.Equal(DefaultCmk, decrypt.GetProperty("KeyId").GetString());
        Assert.Equal(Convert.ToBase64String(point), decrypt.GetProperty("EncryptionContext").GetProperty("subject").GetString());
        Assert.All(kms.Seen, s => Assert.Contains("/us-west-2/kms/aws4_request", s.Authorization, StringComparison.Ordinal));

        // KMS refuses the value for another authority, and the vault says so in the domain's words.
        var (_, otherPoint) = AuthorityKeyPair.Generate();
        await Assert.ThrowsAsync<System.Security.Cryptography.CryptographicException>(() => vault.UnsealAsync(sealedKey, SealContext.AuthorityKey(otherPoint)));
    }

    [Fact]
    public async Task The_kms_vault_opens_keys_the_old_system_stored_and_keeps_an_authoritys_own_key_id()
    {
        await using var kms = await FakeKms.StartAsync();
        var vault = new KmsKeyVault(kms.Client, DefaultCmk);
        var (pem, point) = AuthorityKeyPair.Generate();

        // As the old system stored it: Encrypt without a context, cmk_id the bare key id.
        using (var input = new MemoryStream(pem))
        {
            var old = await kms.Client.EncryptAsync(new Amazon.KeyManagementService.Model.EncryptRequest { KeyId = "per-authority-cmk", Plaintext = input });
            var legacy = new SealedSecret("per-authority-cmk", old.CiphertextBlob.ToArray());
            Assert.False(vault.IsCurrent(legacy));
            Assert.Equal(pem, await vault.UnsealAsync(legacy, SealContext.AuthorityKey(point)));
            var decrypt = kms.Seen[^1].Body;
            Assert.False(decrypt.TryGetProperty("KeyId", out _)); // the ciphertext names its key
            Assert.False(decrypt.TryGetProperty("EncryptionContext", out _));

            // Re-sealing it (as a re-key or the reseal command does) keeps the authority's own key and adds the context.
            var resealed = await vault.SealAsync(pem, SealContext.AuthorityKey(point), legacy.KeyReference);
            Assert.Equal("ctx:per-authority-cmk", resealed.KeyReference);
            Assert.Equal("per-authority-cmk", kms.Seen[^1].Body.GetProperty("KeyId").GetString());
            Assert.Equal("ctx:per-authority-cmk", (await vault.SealAsync(pem, SealContext.AuthorityKey(point), resealed.KeyReference)).KeyReference);
        }
    }
}
