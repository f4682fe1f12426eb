using System.Text;
using Arc.Domain.Common;
using Arc.Domain.Intake;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Domain;

public sealed class IntakeDecoderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    private static DecodedMessage Decode(string body, DeploymentEnvironment environment = DeploymentEnvironment.Dev, string? topic = null, string? device = null) =>
        IntakeDecoder.Decode(new IntakeMessage(IntakeSource.Mqtt, "m", topic, Encoding.UTF8.GetBytes(body), Now, 1, device), environment, Now, new IntakeRules());

    private static string Reason(Action act) => Assert.Throws<IntakeDecoder.RefusedException>(act).Message;

    [Fact]
    public void The_old_record_becomes_samples_at_device_time_with_gps_split_and_booleans_as_numbers()
    {
        var decoded = Decode($"{{\"vin\":\"{DemoVins.First}\",\"data\":[{{\"hv_fault\":true,\"gps_position\":\"44.1,-123.2\",\"speed\":null,\"timestamp\":\"2026-12-02 05:59:00\"}}]}}");

        var sample = Assert.Single(decoded.Samples);
        Assert.Equal((IntakeTopicKind.Telemetry, DemoVins.First), (decoded.Kind, decoded.Vin));
        Assert.Equal(Now.AddMinutes(-1), sample.Time);
        Assert.Equal(1, sample.Fields["hv_fault"]);
        Assert.Equal((44.1, -123.2), (sample.Fields["gps_latitude"], sample.Fields["gps_longitude"]));
        Assert.False(sample.Fields.ContainsKey("speed"));
    }

    [Fact]
    public void Env_prefix_adds_the_environment_prefix_outside_production_and_is_refused_in_production()
    {
        var body = $"{{\"vin\":\"{DemoVins.FirstBare}\",\"env_prefix\":true,\"data\":[{{\"speed\":1,\"timestamp\":\"2026-12-02 05:59:00\"}}]}}";

        Assert.Equal(DemoVins.First, Decode(body).Vin);
        Assert.Equal("STAGE-" + DemoVins.FirstBare, Decode(body, DeploymentEnvironment.Staging).Vin);
        Assert.Contains("not allowed in production", Reason(() => Decode(body, DeploymentEnvironment.Prod)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_topic_and_the_device_certificate_must_name_the_vin_of_the_body()
    {
        var body = $"{{\"vin\":\"{DemoVins.First}\",\"data\":[{{\"speed\":1,\"timestamp\":\"2026-12-02 05:59:00\"}}]}}";
        var other = "DEV-" + Arc.Infrastructure.Seeding.DemoData.MakeVin('T', 'M', 26);

        Assert.Equal(DemoVins.First, Decode(body, topic: $"/vehicles/{DemoVins.First}/telemetry", device: DemoVins.First).Vin);
        Assert.Contains("came from", Reason(() => Decode(body, topic: $"vehicles/{other}/telemetry")), StringComparison.Ordinal);
        Assert.Contains("came from", Reason(() => Decode(body, device: other)), StringComparison.Ordinal);
        Assert.Contains("not a topic vehicles publish to", Reason(() => Decode(body, topic: "vehicles/+/telemetry")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_point_further_ahead_than_the_tolerance_is_refused_and_a_little_clock_drift_is_not()
    {
        string At(string time) => $"{{\"vin\":\"{DemoVins.First}\",\"data\":[{{\"speed\":1,\"timestamp\":\"{time}\"}}]}}";

        Assert.Single(Decode(At("2026-12-02 06:04:00")).Samples);
        Assert.Contains("ahead of the portal's clock", Reason(() => Decode(At("2026-12-02 06:06:00"))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_shadow_document_names_its_vehicle_in_the_topic_only()
    {
        var decoded = Decode("{\"current\":{\"state\":{\"reported\":{\"a\":1}}}}", topic: $"$aws/things/{DemoVins.First}/shadow/update/documents");

        Assert.Equal((IntakeTopicKind.ShadowDocuments, DemoVins.First), (decoded.Kind, decoded.Vin));
        Assert.Empty(decoded.Samples);
    }

    [Fact]
    public void Deeply_nested_json_is_refused_before_it_costs_anything()
    {
        var deep = new string('[', 100) + new string(']', 100);
        Assert.Contains("not valid JSON", Reason(() => Decode($"{{\"vin\":\"{DemoVins.First}\",\"data\":{deep}}}")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vehicles/V1/telemetry", IntakeTopicKind.Telemetry)]
    [InlineData("/vehicles/V1/register", IntakeTopicKind.Registration)]
    [InlineData("vehicles/V1/telemetry/defs/get", IntakeTopicKind.DefinitionsRequest)]
    [InlineData("$aws/things/V1/shadow/update/documents", IntakeTopicKind.ShadowDocuments)]
    public void Topics_are_read_with_or_without_the_old_leading_slash(string topic, IntakeTopicKind kind) =>
        Assert.Equal((kind, "V1"), IntakeTopics.Parse(topic));

    [Theory]
    [InlineData("vehicles/#")]
    [InlineData("vehicles/+/telemetry")]
    [InlineData("vehicles/V1/other")]
    [InlineData("")]
    public void Other_topics_are_not_vehicle_topics(string topic) => Assert.Null(IntakeTopics.Parse(topic));

    [Fact]
    public void Lag_percentiles_come_from_buckets_that_add_up_across_nodes()
    {
        var buckets = new long[LagHistogram.BoundsMs.Count];
        for (var i = 0; i < 90; i++)
            buckets[LagHistogram.Bucket(80)]++;
        for (var i = 0; i < 10; i++)
            buckets[LagHistogram.Bucket(1500)]++;

        Assert.Equal(100, LagHistogram.Percentile(buckets, 0.5));
        Assert.Equal(2000, LagHistogram.Percentile(buckets, 0.95));
        Assert.Null(LagHistogram.Percentile(new long[buckets.Length], 0.95));
    }
}
