using Arc.Domain.Intake;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Intake;

/// <summary>The dead-letter store: messages kept whole, with why they could not be written, until a person acts.</summary>
public sealed class DeadLetters(IDbContextFactory<ArcDbContext> contexts, TimeProvider time, IOptions<IntakeOptions> options)
{
    /// <summary>Keeps the messages; one already kept (the same transport message failing again) gets the new reason.</summary>
    public async Task KeepAsync(IReadOnlyList<(IntakeMessage Message, string? Vin)> messages, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var (m, vin) in messages)
        {
            var source = m.Source.ToString().ToLowerInvariant();
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO intake.dead_letter (at, source, message_id, topic, vin, body, reason, attempts, status)
                VALUES ({now}, {source}, {m.MessageId}, {m.Topic}, {vin}, {m.Body.ToArray()}, {reason}, {Math.Max(m.Attempt, options.Value.MaxAttempts)}, {DeadLetterStatus.Waiting})
                ON CONFLICT (source, message_id) DO UPDATE SET at = excluded.at, reason = excluded.reason, status = excluded.status,
                    attempts = intake.dead_letter.attempts + 1, resolved_at = NULL, resolved_by = NULL
                """, ct);
        }
    }
}
