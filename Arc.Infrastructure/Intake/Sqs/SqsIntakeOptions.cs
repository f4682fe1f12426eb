using System.ComponentModel.DataAnnotations;

namespace Arc.Infrastructure.Intake.Sqs;

/// <summary>
/// Where the portal reads what AWS IoT Core's rule puts on SQS (the production intake). Off unless configured: only one
/// deployment should drain a queue, and a development machine has none.
/// </summary>
public sealed class SqsIntakeOptions : IValidatableObject
{
    public const string Section = "Intake:Sqs";

    public bool Enabled { get; set; }

    /// <summary>The queue the IoT rule sends to, e.g. https://sqs.us-west-2.amazonaws.com/123456789012/arc-telemetry.</summary>
    public Uri? QueueUrl { get; set; }

    /// <summary>A stand-in for SQS (local-aws-sqs in development and the tests); any credentials are then accepted.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>The queue's region when <see cref="ServiceUrl"/> is not set; Aws:Region when this is empty too.</summary>
    [RegularExpression("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    public string? Region { get; set; }

    /// <summary>How many receive calls are outstanding at once; each brings up to 10 messages.</summary>
    [Range(1, 64)]
    public int ReceiveLoops { get; set; } = 4;

    /// <summary>
    /// How many received messages may wait for their outcome and delete at once, across all loops. A loop receives again
    /// while its earlier messages are being written, so the pipeline sees full batches; at the limit the loops wait.
    /// Keep it well under what one visibility timeout can write.
    /// </summary>
    [Range(10, 100_000)]
    public int MaxMessagesInFlight { get; set; } = 2_000;

    /// <summary>Long polling: how long an empty receive waits for a message (20 s, the most SQS allows, costs the least).</summary>
    [Range(0, 20)]
    public int WaitTimeSeconds { get; set; } = 20;

    /// <summary>How long a received message stays hidden before SQS delivers it again; the queue's own setting when empty.</summary>
    [Range(1, 43_200)]
    public int? VisibilityTimeout { get; set; }

    /// <summary>The first wait after SQS could not be reached; it doubles on each failure up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
            yield break;
        if (!IsHttp(QueueUrl))
            yield return new ValidationResult("Intake:Sqs:QueueUrl must be the queue's full http(s) URL when the SQS intake is enabled.", [nameof(QueueUrl)]);
        if (ServiceUrl is not null && !IsHttp(ServiceUrl))
            yield return new ValidationResult("Intake:Sqs:ServiceUrl must be a full http(s) URL, e.g. http://127.0.0.1:9324.", [nameof(ServiceUrl)]);
        if (MaxBackoff < FirstBackoff)
            yield return new ValidationResult("Intake:Sqs:MaxBackoff must not be shorter than FirstBackoff.", [nameof(MaxBackoff)]);
    }

    private static bool IsHttp(Uri? url) => url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
