using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Provisioning;
using Arc.Domain.Shadows;

namespace Arc.Domain.SideEffects;

/// <summary>What a side effect that succeeded leaves in the audit log (nothing for a routine shadow update).</summary>
public sealed record SideEffectOutcome(string? AuditAction, object? Summary)
{
    public static SideEffectOutcome Quiet { get; } = new(null, null);
}

/// <summary>
/// Carries out one side effect and records how it went. Every kind is idempotent, so a row run twice (a worker that
/// died after the call but before it recorded success) does no harm.
/// </summary>
public sealed class SideEffectExecutor(IArcDataFactory dataFactory, IDeviceRegistry registry, IDeviceShadows shadows, ShadowPublisher publisher,
    AuditTrail audit, OutboxOptions options, TimeProvider time, Alarms.AlarmWebhooks alarmWebhooks)
{
    public const int MaxErrorLength = 500;

    /// <exception cref="Exception">Whatever the service said; the caller logs it and calls <see cref="FailAsync"/>.</exception>
    public async Task<SideEffectOutcome> CarryOutAsync(SideEffect effect, CancellationToken ct)
    {
        switch (effect.Kind)
        {
            case SideEffectKinds.PublishShadow:
                await using (var data = dataFactory.Open())
                {
                    // A vehicle unprovisioned since has no shadow to publish; its retirement removes what is left.
                    if (!await data.AnyAsync(data.Vehicles.Where(v => v.Vin == effect.Vin), ct))
                        return SideEffectOutcome.Quiet;
                    await publisher.PublishAsync(data, effect.Vin, ct);
                }
                return effect.Attempts == 0 ? SideEffectOutcome.Quiet
                    : new(AuditActions.ShadowRepublished, new { attempts = effect.Attempts + 1, since = effect.Created });
            case SideEffectKinds.RevokeCertificate:
                await registry.RevokeCertificateAsync(effect.Vin, effect.Argument!, ct);
                return new(AuditActions.CertificateRevoked, new { certificate = effect.Argument, attempts = effect.Attempts + 1 });
            case SideEffectKinds.RevokeOtherCertificates:
                var keep = (effect.Argument ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
                var others = (await registry.ListThingCertificatesAsync(effect.Vin, ct)).Where(c => !keep.Contains(c)).ToList();
                foreach (var certificate in others)
                    await registry.RevokeCertificateAsync(effect.Vin, certificate, ct);
                return others.Count == 0 ? SideEffectOutcome.Quiet : new(AuditActions.CertificateRevoked, new { certificates = others, attempts = effect.Attempts + 1 });
            case SideEffectKinds.DeleteShadow:
                await shadows.DeleteAsync(effect.Vin, ct);
                return SideEffectOutcome.Quiet;
            case SideEffectKinds.RetireDevice:
                var certificates = await registry.ListThingCertificatesAsync(effect.Vin, ct);
                foreach (var certificate in certificates)
                    await registry.RevokeCertificateAsync(effect.Vin, certificate, ct);
                await registry.DeleteThingAsync(effect.Vin, ct);
                await shadows.DeleteAsync(effect.Vin, ct);
                return new(AuditActions.DeviceRetired, new { certificates, attempts = effect.Attempts + 1 });
            case SideEffectKinds.AlarmWebhook:
                await alarmWebhooks.SendAsync(effect, ct);
                return SideEffectOutcome.Quiet;
            default:
                throw new InvalidOperationException($"Unknown side effect kind '{effect.Kind}'.");
        }
    }

    /// <summary>Removes the done row with its audit event in one transaction; an earlier shadow update of the same vehicle is covered too.</summary>
    public async Task CompleteAsync(SideEffect effect, SideEffectOutcome outcome, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var done = await data.ListAsync(data.SideEffects.Where(s => s.Id == effect.Id
            || (effect.Kind == SideEffectKinds.PublishShadow && s.Kind == SideEffectKinds.PublishShadow && s.Vin == effect.Vin && s.Id < effect.Id
                && s.LeaseUntil == null)), ct);
        foreach (var row in done)
            data.Remove(row);
        outcome = CoverFailedEarlierUpdates(effect, outcome, done);
        if (outcome.AuditAction is not null)
            audit.Record(data, effect.Actor, outcome.AuditAction, AuditEntityTypes.Vehicle, effect.Vin, outcome.Summary!);
        await data.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A shadow update that succeeds at its first attempt also completes older updates of the vehicle that failed; the
    /// log must still say those were published in the end, or the failure it recorded would stand unanswered.
    /// </summary>
    private static SideEffectOutcome CoverFailedEarlierUpdates(SideEffect effect, SideEffectOutcome outcome, IReadOnlyList<SideEffect> done)
    {
        if (outcome.AuditAction is not null || effect.Kind != SideEffectKinds.PublishShadow)
            return outcome;
        var failed = done.Where(r => r.Id != effect.Id && r.Attempts > 0).ToList();
        return failed.Count == 0 ? outcome
            : new(AuditActions.ShadowRepublished, new { attempts = failed.Max(r => r.Attempts) + 1, since = failed.Min(r => r.Created) });
    }

    /// <summary>Counts the failed attempt and sets the next one further off; the first failure is audited.</summary>
    public async Task FailAsync(SideEffect effect, string message, CancellationToken ct)
    {
        await using var data = dataFactory.Open();
        var row = await data.FirstOrDefaultAsync(data.SideEffects.Where(s => s.Id == effect.Id), ct);
        if (row is null)
            return;
        row.Attempts++;
        row.LastError = message.Length > MaxErrorLength ? message[..MaxErrorLength] : message;
        row.NextAttempt = time.GetUtcNow() + options.Backoff(row.Attempts);
        row.LeaseUntil = null;
        if (row.Attempts == 1)
            audit.Record(data, row.Actor, FailureAction(row.Kind), AuditEntityTypes.Vehicle, row.Vin, new { kind = row.Kind, error = row.LastError });
        await data.SaveChangesAsync(ct);
    }

    /// <summary>The message a page shows for a failed attempt; the service's own words go to the log.</summary>
    public static string SafeMessage(SideEffect effect, Exception e, string? reference) =>
        (e is DomainException and not ServiceUnavailableException ? e.Message : $"{SideEffectKinds.Describe(effect.Kind)} failed: the service did not complete the request.")
        + (reference is null ? "" : $" (reference {reference})");

    private static string FailureAction(string kind) => kind switch
    {
        SideEffectKinds.PublishShadow => AuditActions.ShadowPublishFailed,
        _ => AuditActions.SideEffectFailed,
    };
}
