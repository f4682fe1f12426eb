using Arc.Domain.Api;
using Arc.Domain.Common;

namespace Arc.Portal.Endpoints;

/// <summary>What became of an attempt to start a request under a key.</summary>
public enum IdempotencyOutcome
{
    /// <summary>This request holds the key now and runs.</summary>
    Run,

    /// <summary>The same request finished before: its answer is replayed.</summary>
    Replay,

    /// <summary>The key was used for a different request.</summary>
    Mismatch,

    /// <summary>The same request is still running elsewhere.</summary>
    Busy,
}

/// <summary>
/// The idempotency keys in PostgreSQL. The row's primary key (caller, key) decides which of two requests sent at once
/// runs: the first insert wins, the other finds the row and waits for its answer. A row left unfinished longer than
/// <see cref="IdempotencyRules.Lease"/> belonged to a process that died, and is taken over.
/// </summary>
public sealed class IdempotencyStore(IArcDataFactory dataFactory, TimeProvider time)
{
    public async Task<(IdempotencyOutcome Outcome, IdempotencyRecord? Record)> BeginAsync(string principal, string key, string method, string path,
        string hash, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = time.GetUtcNow();
            await using var data = dataFactory.Open();
            var existing = await data.FirstOrDefaultAsync(data.IdempotencyRecords.Where(r => r.Principal == principal && r.Key == key), ct);
            if (existing is null)
                data.Add(new IdempotencyRecord { Principal = principal, Key = key, Method = method, Path = path, RequestHash = hash, CreatedAt = now });
            else if (existing.RequestHash != hash)
                return (IdempotencyOutcome.Mismatch, existing);
            else if (existing.CompletedAt is not null)
                return (IdempotencyOutcome.Replay, existing);
            else if (now - existing.CreatedAt > IdempotencyRules.Lease)
                data.Remove(existing);
            else
                return (IdempotencyOutcome.Busy, existing);
            try
            {
                await data.SaveChangesAsync(ct);
                if (existing is null)
                    return (IdempotencyOutcome.Run, null);
            }
            catch (ConflictException)
            {
                // Another request inserted or took over the key at the same moment: read again what it left.
            }
        }
        return (IdempotencyOutcome.Busy, null);
    }

    public async Task CompleteAsync(string principal, string key, int status, string? contentType, byte[] body)
    {
        await using var data = dataFactory.Open();
        var record = await data.FirstOrDefaultAsync(data.IdempotencyRecords.Where(r => r.Principal == principal && r.Key == key));
        if (record is null)
            return;
        (record.StatusCode, record.ContentType, record.Body, record.CompletedAt) = (status, contentType, body, time.GetUtcNow());
        await data.SaveChangesAsync();
    }

    /// <summary>Gives the key up after a failure that a retry may not meet (an exception, a 5xx), so the retry runs again.</summary>
    public async Task AbandonAsync(string principal, string key)
    {
        await using var data = dataFactory.Open();
        var record = await data.FirstOrDefaultAsync(data.IdempotencyRecords.Where(r => r.Principal == principal && r.Key == key && r.CompletedAt == null));
        if (record is null)
            return;
        data.Remove(record);
        await data.SaveChangesAsync();
    }
}
