using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Permissions;

namespace Arc.Domain.Email;

/// <summary>One email as the outbox page shows it: secrets masked.</summary>
public sealed record OutboxMessage(long Id, string To, string Template, string Subject, string Text, string Html, string Status,
    DateTimeOffset? Sent, string? Provider, bool HeldSecret);

/// <summary>One email of the outbox with its bodies, secrets masked; opening one that held a secret is audited.</summary>
public sealed class GetOutboxEmail(IArcDataFactory dataFactory, ICurrentUser user, AuditTrail audit) : IUseCase
{
    public async Task<OutboxMessage> HandleAsync(long id, CancellationToken ct = default)
    {
        var username = await user.RequireAsync(Perm.MailOutboxRead, ct);
        await using var data = dataFactory.Open();
        var email = await data.FirstOrDefaultAsync(data.OutboxEmails.Where(e => e.Id == id), ct)
            ?? throw new NotFoundException("Email", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (email.Sensitive)
        {
            audit.Record(data, username, AuditActions.OutboxSecretEmailOpened, AuditEntityTypes.Email,
                id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { email.To, email.Template });
            await data.SaveChangesAsync(ct);
        }
        return new OutboxMessage(email.Id, email.To, email.Template, OutboxSecrets.MaskText(email.Subject), OutboxSecrets.MaskText(email.Text),
            OutboxSecrets.MaskText(email.Html), email.Status, email.Sent, email.Provider, email.Sensitive);
    }
}
