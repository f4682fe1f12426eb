namespace Arc.Domain.Intake;

/// <summary>
/// What one vehicle has sent, counted since its first message: the intake's read model, written every few seconds
/// with the counts of the messages in between (never a row write per message).
/// </summary>
public sealed class IntakeVehicleStats
{
    public required string Vin { get; set; }
    public long Received { get; set; }
    public long Written { get; set; }
    public long Points { get; set; }
    public long Late { get; set; }
    public long Duplicate { get; set; }
    public long Refused { get; set; }
    public long DeadLettered { get; set; }
    /// <summary>The newest device time of any point written: the vehicle's "last seen".</summary>
    public DateTimeOffset? LastSeen { get; set; }
    /// <summary>When the portal last received a message from it.</summary>
    public DateTimeOffset? LastReceived { get; set; }
    /// <summary>Device-to-queryable lag of its latest written message, in milliseconds.</summary>
    public int? LastLagMs { get; set; }
}

/// <summary>
/// The fleet's counts over one flush interval of one portal node, with a histogram of the lag, so any period's totals
/// and percentiles are sums over rows.
/// </summary>
public sealed class IntakeInterval
{
    public long Id { get; set; }
    public DateTimeOffset Start { get; set; }
    public DateTimeOffset End { get; set; }
    public long Received { get; set; }
    public long Written { get; set; }
    public long Points { get; set; }
    public long Late { get; set; }
    public long Duplicate { get; set; }
    public long Refused { get; set; }
    public long DeadLettered { get; set; }
    public long Failed { get; set; }
    /// <summary>Messages per lag bucket; the buckets' upper bounds are <see cref="LagHistogram.BoundsMs"/>.</summary>
    public int[] LagBuckets { get; set; } = [];
}

/// <summary>A refused message, kept (a sample of them when many arrive at once) so the intake page can say why.</summary>
public sealed class IntakeRefusal
{
    public const int MaxBodyChars = 2000;

    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Source { get; set; }
    public string? Vin { get; set; }
    public string? Topic { get; set; }
    public required string Reason { get; set; }
    /// <summary>The start of the body as text, for whoever fixes the sender.</summary>
    public string? Body { get; set; }

    /// <summary>The record of a refused message, every text cut to its column.</summary>
    public static IntakeRefusal Of(IntakeMessage message, string reason, string? vin) => new()
    {
        At = message.ReceivedAt, Source = message.Source.ToString().ToLowerInvariant(), Vin = Clip(vin, 40), Topic = Clip(message.Topic, 256),
        Reason = Clip(reason, 1000)!,
        Body = Clip(System.Text.Encoding.UTF8.GetString(message.Body.Span[..Math.Min(message.Body.Length, MaxBodyChars)]), MaxBodyChars),
    };

    private static string? Clip(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}

public static class DeadLetterStatus
{
    public const string Waiting = "waiting";
    public const string Redriven = "redriven";
    public const string Discarded = "discarded";

    /// <summary>The dead letter a person acts on; one re-driven or discarded already (by someone else, a moment ago) is refused.</summary>
    public static async Task<IntakeDeadLetter> WaitingAsync(Common.IArcData data, long id, CancellationToken ct)
    {
        var letter = await data.FirstOrDefaultAsync(data.IntakeDeadLetters.Where(d => d.Id == id), ct)
            ?? throw new Common.NotFoundException("Dead letter", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return letter.Status == Waiting ? letter : throw new Common.ConflictException($"This dead letter was {letter.Status} already.");
    }
}

/// <summary>A message that could not be written after every attempt, kept whole until a person re-drives or discards it.</summary>
public sealed class IntakeDeadLetter
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Source { get; set; }
    public required string MessageId { get; set; }
    public string? Topic { get; set; }
    public string? Vin { get; set; }
    public required byte[] Body { get; set; }
    public required string Reason { get; set; }
    public int Attempts { get; set; }
    public string Status { get; set; } = DeadLetterStatus.Waiting;
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    /// <summary>What the re-drive achieved (written, or why it was refused or failed again).</summary>
    public string? Outcome { get; set; }
}

/// <summary>Device-to-queryable lag in fixed buckets, so histograms of many nodes and intervals add up.</summary>
public static class LagHistogram
{
    /// <summary>Upper bounds in milliseconds; the last bucket holds everything slower.</summary>
    public static IReadOnlyList<int> BoundsMs { get; } = [50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000, 300_000, int.MaxValue];

    public static int Bucket(double lagMs)
    {
        for (var i = 0; i < BoundsMs.Count; i++)
            if (lagMs <= BoundsMs[i])
                return i;
        return BoundsMs.Count - 1;
    }

    /// <summary>The bucket bound under which the given share of messages fell (an upper estimate), or null without messages.</summary>
    public static int? Percentile(IReadOnlyList<long> buckets, double share)
    {
        var total = buckets.Sum();
        if (total == 0)
            return null;
        var wanted = Math.Ceiling(total * share);
        long seen = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            seen += buckets[i];
            if (seen >= wanted)
                return BoundsMs[i];
        }
        return BoundsMs[^1];
    }
}
