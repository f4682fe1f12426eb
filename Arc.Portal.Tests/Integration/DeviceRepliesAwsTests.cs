using System.Net;
using System.Text;
using System.Text.Json;
using Arc.Domain.Common;
using Arc.Domain.Intake;
using Arc.Infrastructure.Aws;
using Arc.Infrastructure.DevServices;
using Arc.Infrastructure.Intake.Mqtt;
using Arc.Portal.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Arc.Portal.Tests.Integration;

/// <summary>Replies to vehicles in production: AWS IoT Core's data-plane Publish, signed as AWS expects.</summary>
public sealed class DeviceRepliesAwsTests
{
    private static readonly AwsCredentials Example = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private const string Vin = "DEV-7F7ATR31XLER00019";

    private sealed class ScriptedIot : HttpMessageHandler
    {
        public List<(string PathAndQuery, byte[] Body, string? ContentType, string Authorization, string Date)> Requests { get; } = [];
        public Queue<HttpStatusCode> Answers { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Assert.Equal(HttpMethod.Post, request.Method);
            Requests.Add((request.RequestUri!.PathAndQuery, await request.Content!.ReadAsByteArrayAsync(cancellationToken),
                request.Content.Headers.ContentType?.MediaType, request.Headers.GetValues("Authorization").Single(),
                request.Headers.GetValues("X-Amz-Date").Single()));
            var status = Answers.Count > 0 ? Answers.Dequeue() : HttpStatusCode.OK;
            return new HttpResponseMessage(status) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        }
    }

    private sealed class FixedCredentials : IAwsCredentialSource
    {
        public Task<AwsCredentials> GetAsync(CancellationToken ct = default) => Task.FromResult(Example);
    }

    private static (AwsDeviceReplies Replies, ScriptedIot Iot) Replies()
    {
        var iot = new ScriptedIot();
        var time = new FakeTimeProvider(new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero));
        var handler = new SigV4Handler(new FixedCredentials(), "us-west-2", AwsDeviceReplies.SigningName, time) { InnerHandler = iot };
        var http = new HttpClient(handler) { BaseAddress = new Uri("https://abc123-ats.iot.us-west-2.amazonaws.com/") };
        return (new AwsDeviceReplies(http, TimeProvider.System), iot);
    }

    [Fact]
    public async Task A_reply_is_a_signed_publish_to_the_vehicles_topic_with_the_payload_as_its_body()
    {
        var (replies, iot) = Replies();
        var payload = """{"points":["speed"]}""";
        await replies.PublishAsync(Vin, IntakeTopics.Definitions(Vin), Encoding.UTF8.GetBytes(payload));

        var (pathAndQuery, body, contentType, authorization, date) = Assert.Single(iot.Requests);
        Assert.Equal($"/topics/vehicles%2F{Vin}%2Ftelemetry%2Fdefs?qos=1", pathAndQuery);
        Assert.Equal(payload, Encoding.UTF8.GetString(body));
        Assert.Equal("application/octet-stream", contentType);
        Assert.Equal("20150830T123600Z", date);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-west-2/iotdata/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date, Signature=",
            authorization, StringComparison.Ordinal);

        // An independent signer (the aws4 package) signs the same request the same way.
        var input = JsonSerializer.Serialize(new
        {
            host = "abc123-ats.iot.us-west-2.amazonaws.com", method = "POST", path = pathAndQuery, body = payload,
            headers = new Dictionary<string, string> { ["Content-Type"] = "application/octet-stream", ["X-Amz-Date"] = date },
            service = "iotdata", region = "us-west-2", accessKeyId = Example.AccessKey, secretAccessKey = Example.SecretKey,
        });
        Environment.SetEnvironmentVariable("ARC_TOOLS", Path.Combine(EmbeddedServers.RepositoryRoot(AppContext.BaseDirectory), "tools"));
        Assert.Equal(await ExternalTools.RunAsync("node", ExternalTools.ScriptPath("aws4-sign.js"), input), authorization);
    }

    [Fact]
    public async Task Throttling_is_retried_and_a_refusal_becomes_the_portals_error()
    {
        var (replies, iot) = Replies();
        iot.Answers.Enqueue(HttpStatusCode.TooManyRequests);
        await replies.PublishAsync(Vin, IntakeTopics.Definitions(Vin), Encoding.UTF8.GetBytes("{}"));
        Assert.Equal(2, iot.Requests.Count);

        iot.Answers.Enqueue(HttpStatusCode.Forbidden);
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => replies.PublishAsync(Vin, IntakeTopics.Definitions(Vin), Encoding.UTF8.GetBytes("{}")));
    }
}
