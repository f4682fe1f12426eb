using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Email;

public sealed record OutboxQuery(string? To = null, string? Status = null, int PageIndex = 0, int PageSize = 25);

public sealed record OutboxRow(long Id, string To, string Template, string Subject, string Status, int Attempts, string? LastError,
    DateTimeOffset Created, DateTimeOffset? Sent, string? Provider);

/// <summary>The mail outbox page: what the portal sent or is about to send, newest first, never with its secrets.</summary>
public sealed class ListOutboxEmails(IArcDataFactory dataFactory, ICurrentUser user) : IUseCase
{
    public async Task<Page<OutboxRow>> HandleAsync(OutboxQuery query, CancellationToken ct = default)
    {
        await user.RequireAsync(Perm.MailOutboxRead, ct);
        var (index, size) = Paging.Normalize(query.PageIndex, query.PageSize);
        if (query.To is { Length: > EmailOutbox.MaxAddressLength })
            throw new ValidationFailedException("to", $"An address has at most {EmailOutbox.MaxAddressLength} characters.");
        await using var data = dataFactory.Open();
        var emails = data.OutboxEmails;
        if (!string.IsNullOrWhiteSpace(query.To))
        {
            var to = query.To.Trim().ToLowerInvariant();
            emails = emails.Where(e => e.To.ToLower().Contains(to));
        }
        if (!string.IsNullOrEmpty(query.Status))
            emails = emails.Where(e => e.Status == query.Status);
        var total = await data.CountAsync(emails, ct);
        var rows = await data.ListAsync(emails.OrderByDescending(e => e.Id).Skip(index * size).Take(size)
            .Select(e => new OutboxRow(e.Id, e.To, e.Template, e.Subject, e.Status, e.Attempts, e.LastError, e.Created, e.Sent, e.Provider)), ct);
        return new Page<OutboxRow>(rows.Select(r => r with { Subject = OutboxSecrets.MaskText(r.Subject) }).ToList(), total, index, size);
    }
}
