using Arc.Domain.Common;

namespace Arc.Domain.Email;

/// <summary>The tables of mail templates and the mail outbox, read as <c>data.EmailTemplates</c> on any <see cref="IArcData"/>.</summary>
public interface IEmailData : IEntitySets
{
    IQueryable<EmailTemplate> EmailTemplates => Set<EmailTemplate>();
    IQueryable<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
}
