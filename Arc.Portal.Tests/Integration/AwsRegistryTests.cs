using System.Net;
using System.Text;
using Arc.Domain.Provisioning;
using Arc.Infrastructure.Aws;
using Arc.Infrastructure.Provisioning;
using Microsoft.Extensions.Time.Testing;

namespace Arc.Portal.Tests.Integration;

/// <summary>The AWS IoT control-plane adapter: the exact requests of each operation (AWS IoT API reference) and its error mapping.</summary>
public class AwsRegistryTests
{
    private sealed class ScriptedIot : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];
        public Queue<(HttpStatusCode Status, string Body)> Answers { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : " " + await request.Content.ReadAsStringAsync(cancellationToken);
            var principal = request.Headers.TryGetValues("x-amzn-principal", out var values) ? " principal=" + values.Single() : "";
            Assert.Contains("/us-west-2/execute-api/aws4_request", request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
            Requests.Add($"{request.Method} {request.RequestUri!.PathAndQuery}{principal}{body}");
            var (status, answer) = Answers.Count > 0 ? Answers.Dequeue() : (HttpStatusCode.OK, "{}");
            return new HttpResponseMessage(status) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
        }
    }

    private sealed class Credentials : IAwsCredentialSource
    {
        public Task<AwsCredentials> GetAsync(CancellationToken ct = default) => Task.FromResult(new AwsCredentials("AKIDEXAMPLE", "secret"));
    }

    private static (AwsDeviceRegistry Registry, ScriptedIot Iot) Registry()
    {
        var iot = new ScriptedIot();
        var handler = new SigV4Handler(new Credentials(), "us-west-2", AwsDeviceRegistry.SigningName, new FakeTimeProvider()) { InnerHandler = iot };
        var http = new HttpClient(handler) { BaseAddress = new Uri("https://iot.us-west-2.amazonaws.com/") };
        return (new AwsDeviceRegistry(http, TimeProvider.System, "abc-ats.iot.us-west-2.amazonaws.com", "ROOT CA"), iot);
    }

    private const string CertArn = "arn:aws:iot:us-west-2:511596272857:cert/abc123";

    [Fact]
    public async Task Creating_a_thing_names_its_type_and_attributes_and_joins_the_environments_group()
    {
        var (registry, iot) = Registry();
        iot.Answers.Enqueue((HttpStatusCode.OK, "{\"thingName\":\"7F7ATR31XLER00019\",\"thingArn\":\"arn:aws:iot:us-west-2:1:thing/7F7ATR31XLER00019\"}"));
        var thing = await registry.CreateThingAsync("7F7ATR31XLER00019", "production",
            new Dictionary<string, string> { ["vin"] = "7F7ATR31XLER00019", ["date_provisioned"] = "1764072000" });
        Assert.Equal("arn:aws:iot:us-west-2:1:thing/7F7ATR31XLER00019", thing.Arn);
        Assert.Equal(
        [
            "POST /things/7F7ATR31XLER00019 {\"thingTypeName\":\"default-type\",\"attributePayload\":{\"attributes\":{\"vin\":\"7F7ATR31XLER00019\",\"date_provisioned\":\"1764072000\"}}}",
            "PUT /thing-groups/addThingToThingGroup {\"thingName\":\"7F7ATR31XLER00019\",\"thingGroupName\":\"production\"}",
        ], iot.Requests);
    }

    [Fact]
    public async Task A_new_certificate_is_active_has_the_three_policies_and_is_attached_to_the_thing()
    {
        var (registry, iot) = Registry();
        iot.Answers.Enqueue((HttpStatusCode.OK,
            $"{{\"certificateArn\":\"{CertArn}\",\"certificateId\":\"abc123\",\"certificatePem\":\"CERT\",\"keyPair\":{{\"PublicKey\":\"PUB\",\"PrivateKey\":\"KEY\"}}}}"));
        var certificate = await registry.CreateCertificateAsync("V", DevicePolicies.All);
        Assert.Equal(new DeviceCertificate("abc123", "CERT", "KEY"), certificate);
        Assert.Equal(
        [
            "POST /keys-and-certificate?setAsActive=true",
            $"PUT /target-policies/vehicle-connect-1 {{\"target\":\"{CertArn}\"}}",
            $"PUT /target-policies/vehicle-shadow-1 {{\"target\":\"{CertArn}\"}}",
            $"PUT /target-policies/vehicle-telemetry-1 {{\"target\":\"{CertArn}\"}}",
            $"PUT /things/V/principals principal={CertArn}",
        ], iot.Requests);
    }

    [Fact]
    public async Task Revoking_detaches_deactivates_and_deletes_in_that_order()
    {
        var (registry, iot) = Registry();
        iot.Answers.Enqueue((HttpStatusCode.OK, $"{{\"certificateDescription\":{{\"certificateArn\":\"{CertArn}\",\"certificateId\":\"abc123\"}}}}"));
        iot.Answers.Enqueue((HttpStatusCode.OK, "{\"policies\":[{\"policyName\":\"vehicle-connect-1\"},{\"policyName\":\"vehicle-shadow-1\"}]}"));
        await registry.RevokeCertificateAsync("V", "abc123");
        Assert.Equal(
        [
            "GET /certificates/abc123",
            $"POST /attached-policies/{Uri.EscapeDataString(CertArn)}?recursive=false",
            $"POST /target-policies/vehicle-connect-1 {{\"target\":\"{CertArn}\"}}",
            $"POST /target-policies/vehicle-shadow-1 {{\"target\":\"{CertArn}\"}}",
            $"DELETE /things/V/principals principal={CertArn}",
            "PUT /certificates/abc123?newStatus=INACTIVE",
            "DELETE /certificates/abc123?forceDelete=false",
        ], iot.Requests);
    }

    [Fact]
    public async Task Missing_things_and_certificates_are_answers_not_errors()
    {
        var (registry, iot) = Registry();
        iot.Answers.Enqueue((HttpStatusCode.NotFound, "{\"message\":\"Thing V cannot be found.\"}"));
        Assert.Null(await registry.DescribeThingAsync("V"));
        iot.Answers.Enqueue((HttpStatusCode.NotFound, "{}"));
        Assert.Empty(await registry.ListThingCertificatesAsync("V"));
        iot.Answers.Enqueue((HttpStatusCode.NotFound, "{}"));
        await registry.RevokeCertificateAsync("V", "gone");
        iot.Answers.Enqueue((HttpStatusCode.NotFound, "{}"));
        Assert.False(await registry.DeleteThingAsync("V"));
        iot.Answers.Enqueue((HttpStatusCode.OK, $"{{\"principals\":[\"{CertArn}\",\"arn:aws:iam::1:user/x\"]}}"));
        Assert.Equal(["abc123"], await registry.ListThingCertificatesAsync("V"));
    }

    [Fact]
    public async Task Throttling_is_retried_and_a_conflict_is_reported()
    {
        var (registry, iot) = Registry();
        iot.Answers.Enqueue((HttpStatusCode.TooManyRequests, "{\"message\":\"Rate exceeded\"}"));
        iot.Answers.Enqueue((HttpStatusCode.OK, "{\"thingArn\":\"arn:t\",\"attributes\":{\"vin\":\"V\"}}"));
        var thing = await registry.DescribeThingAsync("V");
        Assert.Equal("V", thing!.Attributes["vin"]);
        Assert.Equal(2, iot.Requests.Count);

        iot.Answers.Enqueue((HttpStatusCode.Conflict, "{\"message\":\"Thing V already exists with different attributes\"}"));
        var conflict = await Assert.ThrowsAsync<Arc.Domain.Common.ConflictException>(() =>
            registry.CreateThingAsync("V", "production", new Dictionary<string, string>()));
        Assert.Contains("already exists", conflict.Message, StringComparison.Ordinal);
    }
}
