using Arc.Domain.Intake;
using Microsoft.Extensions.Logging;

namespace Arc.Infrastructure.Intake;

/// <summary>The intake's ways out other than a write: a refusal, a failed delivery, the dead-letter store.</summary>
public sealed partial class IntakePipeline
{
    /// <summary>A delivery that did not work: its transport delivers it again, or at the last attempt the dead-letter store keeps it.</summary>
    private async Task FailAsync(IReadOnlyList<Pending> messages, string reason, Exception e, CancellationToken ct)
    {
        LogFailed(logger, messages.Count, reason, e);
        health.Failed(reason, time.GetUtcNow());
        var again = messages.Where(p => p.Message.Source == IntakeSource.Sqs && p.Message.Attempt < _options.MaxAttempts).ToList();
        foreach (var p in again)
        {
            ledger.Failed();
            p.Settle(IntakeOutcome.Failed(reason));
        }
        var last = messages.Except(again).ToList();
        if (last.Count == 0)
            return;
        try
        {
            await deadLetters.KeepAsync(last.Select(p => (p.Message, p.Decoded?.Vin)).ToList(), reason, ct);
            foreach (var p in last)
            {
                ledger.DeadLettered(p.Decoded?.Vin);
                p.Settle(IntakeOutcome.DeadLettered(reason));
            }
        }
        catch (Exception stored) when (stored is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogDeadLetterFailed(logger, last.Count, stored);
            foreach (var p in last)
            {
                ledger.Failed();
                p.Settle(IntakeOutcome.Failed(reason));
            }
        }
    }

    /// <param name="knownVin">The VIN when it is a provisioned one (its counts are kept); <paramref name="claimedVin"/> is only shown.</param>
    private void Refuse(Pending p, string reason, string? knownVin, string? claimedVin = null)
    {
        var m = p.Message;
        ledger.Received(knownVin, m.ReceivedAt);
        ledger.Refused(knownVin, IntakeRefusal.Of(m, reason, p.Decoded?.Vin ?? knownVin ?? claimedVin), _options.RefusalsKeptPerFlush);
        p.Settle(IntakeOutcome.Refused(reason));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} intake messages failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, int count, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} intake messages could not be kept as dead letters; they will be delivered again where the transport can")]
    private static partial void LogDeadLetterFailed(ILogger logger, int count, Exception exception);
}
