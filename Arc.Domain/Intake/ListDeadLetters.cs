using System.Text;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Intake;

public sealed record DeadLetterQuery(string? Status = DeadLetterStatus.Waiting, int PageIndex = 0, int PageSize = 25);

/// <param name="Body">The message as text (cut after 4,000 characters).</param>
public sealed record DeadLetterRow(long Id, DateTimeOffset At, string Source, string? Vin, string? Topic, string Reason, int Attempts,
    string Status, DateTimeOffset? ResolvedAt, string? ResolvedBy, string? Outcome, string Body, int Bytes);

/// <summary>The dead-letter store, newest first: what could not be written, why, and what became of it.</summary>
public sealed class ListDeadLetters(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    private const int ShownChars = 4000;

    public async Task<Page<DeadLetterRow>> HandleAsync(DeadLetterQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.IntakeRead, ct);
        var (index, size) = Paging.Normalize(query.PageIndex, query.PageSize);
        if (query.Status is not (null or DeadLetterStatus.Waiting or DeadLetterStatus.Redriven or DeadLetterStatus.Discarded))
            throw new ValidationFailedException("status", "The status is waiting, redriven or discarded.");
        await using var data = dataFactory.Open();
        var rows = data.IntakeDeadLetters;
        if (query.Status is not null)
            rows = rows.Where(d => d.Status == query.Status);
        var total = await data.CountAsync(rows, ct);
        var page = await data.ListAsync(rows.OrderByDescending(d => d.Id).Skip(index * size).Take(size), ct);
        return new Page<DeadLetterRow>(page.Select(d => new DeadLetterRow(d.Id, d.At, d.Source, d.Vin, d.Topic, d.Reason, d.Attempts, d.Status,
            d.ResolvedAt, d.ResolvedBy, d.Outcome, Text(d.Body), d.Body.Length)).ToList(), total, index, size);
    }

    private static string Text(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, ShownChars * 4));
        return text.Length > ShownChars ? text[..ShownChars] + "…" : text;
    }
}
