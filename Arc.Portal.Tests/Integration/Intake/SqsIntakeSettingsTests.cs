using System.ComponentModel.DataAnnotations;
using System.Text;
using Arc.Infrastructure.Intake.Sqs;
using Arc.Portal.Tests.Support;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Tests.Integration.Intake;

public sealed class SqsIntakeSettingsTests
{
    [Theory]
    [InlineData("""{"vin":"7F7ATR31XLER00019","data":[]}""", null)]
    [InlineData("""{"vin":"7F7ATR31XLER00019","data":[{"topic":"inner"}],"topic":"vehicles/7F7ATR31XLER00019/telemetry"}""", "vehicles/7F7ATR31XLER00019/telemetry")]
    [InlineData("""{"topic":"$aws/things/7F7ATR31XLER00019/shadow/update/documents","current":{"state":{}}}""", "$aws/things/7F7ATR31XLER00019/shadow/update/documents")]
    [InlineData("""{"topic":42,"vin":"x"}""", null)]
    [InlineData("""["topic"]""", null)]
    [InlineData("""{"topic":"cut off""", null)]
    [InlineData("not json", null)]
    [InlineData("", null)]
    public void The_topic_is_read_from_what_the_iot_rule_added_to_the_body_and_nothing_else(string body, string? topic) =>
        Assert.Equal(topic, SqsMessageBody.Topic(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void The_wait_after_a_failure_doubles_up_to_its_cap()
    {
        var options = new SqsIntakeOptions { FirstBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(30) };
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], new[] { 1, 2, 3, 4, 5, 6, 100 }.Select(n => SqsIntakeConsumer.Backoff(options, n).TotalSeconds));
    }

    [Fact]
    public void The_defaults_long_poll_with_four_loops_and_leave_the_intake_off()
    {
        var options = new SqsIntakeOptions();
        Assert.False(options.Enabled);
        Assert.Equal(4, options.ReceiveLoops);
        Assert.Equal(20, options.WaitTimeSeconds);
        Assert.Empty(Validate(options));
    }

    [Theory]
    [InlineData(null, null, "QueueUrl")]
    [InlineData("arc-telemetry", null, "QueueUrl")]
    [InlineData("https://sqs.us-west-2.amazonaws.com/123456789012/arc-telemetry", "localhost:9324", "ServiceUrl")]
    public void An_enabled_intake_needs_full_urls(string? queueUrl, string? serviceUrl, string member)
    {
        var options = new SqsIntakeOptions
        {
            Enabled = true,
            QueueUrl = queueUrl is null ? null : new Uri(queueUrl, UriKind.RelativeOrAbsolute),
            ServiceUrl = serviceUrl is null ? null : new Uri(serviceUrl, UriKind.RelativeOrAbsolute),
        };
        Assert.Contains(Validate(options), r => r.MemberNames.Contains(member));
    }

    [Fact]
    public void Out_of_range_settings_are_refused()
    {
        var options = new SqsIntakeOptions { ReceiveLoops = 0, WaitTimeSeconds = 21, VisibilityTimeout = 0, Region = "Oregon" };
        var members = Validate(options).SelectMany(r => r.MemberNames).ToList();
        Assert.Equal(["ReceiveLoops", "Region", "VisibilityTimeout", "WaitTimeSeconds"], members.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_portal_told_to_read_sqs_without_a_queue_does_not_start_and_says_which_setting_is_missing()
    {
        var portal = new PortalServer();
        portal.Settings["Intake:Sqs:Enabled"] = "true";
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(portal.InitializeAsync);
            var validation = error as OptionsValidationException
                ?? (error as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().Single();
            Assert.NotNull(validation);
            Assert.Contains("Intake:Sqs:QueueUrl", validation.Message, StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                await portal.DisposeAsync();
            }
            catch (Exception)
            {
                // A host that never started cannot be stopped.
            }
        }
    }

    private static List<ValidationResult> Validate(SqsIntakeOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
