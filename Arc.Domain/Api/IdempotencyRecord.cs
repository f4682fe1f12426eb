namespace Arc.Domain.Api;

/// <summary>
/// One API request sent with an <c>Idempotency-Key</c>: who sent it, a fingerprint of what was sent, and once it has
/// finished, the answer it got, so the same request sent again (a factory line retrying after a timeout) gets that
/// answer again instead of running twice. Kept for <see cref="IdempotencyRules.KeepFor"/>.
/// </summary>
public class IdempotencyRecord
{
    /// <summary>The signed-in user or service credential that sent the request; keys of different callers never meet.</summary>
    public required string Principal { get; set; }
    public required string Key { get; set; }
    public required string Method { get; set; }
    public required string Path { get; set; }

    /// <summary>SHA-256 of the method, path with query, and body, in hex.</summary>
    public required string RequestHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null while the first request is still running.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public byte[]? Body { get; set; }
}
