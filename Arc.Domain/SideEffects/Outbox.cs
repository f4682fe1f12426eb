using System.ComponentModel.DataAnnotations;
using Arc.Domain.Common;

namespace Arc.Domain.SideEffects;

/// <summary>
/// Adds side effects to the caller's unit of work, so they commit with the change that needs them or not at all.
/// Nothing here calls AWS: the outbox worker does, once the transaction has committed.
/// </summary>
public sealed class Outbox(ICorrelation correlation, TimeProvider time)
{
    public void PublishShadow(IArcData data, string vin, string actor) => Add(data, SideEffectKinds.PublishShadow, vin, null, actor);

    public void PublishShadows(IArcData data, IEnumerable<string> vins, string actor)
    {
        foreach (var vin in vins.Distinct(StringComparer.Ordinal))
            PublishShadow(data, vin, actor);
    }

    public void RevokeCertificate(IArcData data, string vin, string certificateId, string actor) =>
        Add(data, SideEffectKinds.RevokeCertificate, vin, certificateId, actor);

    public void RevokeOtherCertificates(IArcData data, string vin, IEnumerable<string> keep, string actor) =>
        Add(data, SideEffectKinds.RevokeOtherCertificates, vin, string.Join(',', keep), actor);

    public void DeleteShadow(IArcData data, string vin, string actor) => Add(data, SideEffectKinds.DeleteShadow, vin, null, actor);

    public void RetireDevice(IArcData data, string vin, string actor) => Add(data, SideEffectKinds.RetireDevice, vin, null, actor);

    /// <summary>Posts an alarm's webhook; the argument names the alarm and which webhook ("id:rule" or "id:global").</summary>
    public void NotifyAlarmWebhook(IArcData data, string vin, string argument) =>
        Add(data, SideEffectKinds.AlarmWebhook, vin, argument, Audit.AuditTrail.SystemActor);

    private void Add(IArcData data, string kind, string vin, string? argument, string actor)
    {
        var now = time.GetUtcNow();
        data.Add(new SideEffect
        {
            Kind = kind, Vin = vin, Argument = argument, Actor = actor, CorrelationId = correlation.Id, Created = now, NextAttempt = now,
        });
    }
}

/// <summary>How the outbox worker retries: the first retry soon, later ones further apart, never more than <see cref="MaxDelay"/>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Portal:Outbox";

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(5);
    [Range(typeof(TimeSpan), "00:00:00.001", "7.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often an idle worker looks for work another node (or a restart) left; new work wakes it at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a worker holds a row before another may take it (a node that died releases its rows so).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 50;

    public TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        var delay = TimeSpan.FromMilliseconds(FirstDelay.TotalMilliseconds * factor);
        return delay > MaxDelay ? MaxDelay : delay;
    }
}
