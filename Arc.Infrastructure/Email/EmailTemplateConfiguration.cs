using Arc.Domain.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Email;

public sealed class EmailTemplateConfiguration : IEntityTypeConfiguration<EmailTemplate>
{
    public void Configure(EntityTypeBuilder<EmailTemplate> e)
    {
        e.ToTable("email_template", "mail");
        e.HasKey(t => t.Name);
        e.Property(t => t.Name).HasMaxLength(100);
        e.Property(t => t.Subject).HasMaxLength(500);
    }
}
