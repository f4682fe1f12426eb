using Arc.Domain.Alarms;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Alarms;

public sealed class AlarmRuleConfiguration : IEntityTypeConfiguration<AlarmRule>
{
    public void Configure(EntityTypeBuilder<AlarmRule> e)
    {
        e.ToTable("alarm_rule", "main");
        e.HasKey(r => r.Id);
        e.Property(r => r.Name).HasMaxLength(AlarmRule.MaxNameLength);
        e.Property(r => r.Kind).HasMaxLength(20);
        e.Property(r => r.Severity).HasMaxLength(20);
        e.Property(r => r.Point).HasMaxLength(100);
        e.Property(r => r.Operator).HasMaxLength(10);
        e.Property(r => r.Scope).HasMaxLength(10);
        e.Property(r => r.WebhookUrl).HasMaxLength(AlarmRule.MaxWebhookLength);
        e.MapVersion();
    }
}

public sealed class AlarmConfiguration : IEntityTypeConfiguration<Alarm>
{
    public void Configure(EntityTypeBuilder<Alarm> e)
    {
        e.ToTable("alarm", "main");
        e.HasKey(a => a.Id);
        e.Property(a => a.Vin).HasMaxLength(40);
        e.Property(a => a.Severity).HasMaxLength(20);
        e.Property(a => a.Details).HasMaxLength(Alarm.MaxDetailsLength);
        e.Property(a => a.AcknowledgedBy).HasMaxLength(200);
        e.Property(a => a.ClearedBy).HasMaxLength(200);
        e.MapVersion();
        e.Ignore(a => a.IsActive);
        e.Ignore(a => a.IsAcknowledged);
        e.HasOne(a => a.Rule).WithMany().HasForeignKey(a => a.RuleId).OnDelete(DeleteBehavior.Cascade);
        // One active alarm per rule and vehicle, whichever node raises it: the second insert fails and is dropped.
        e.HasIndex(a => new { a.RuleId, a.Vin }).IsUnique().HasFilter("cleared_at IS NULL").HasDatabaseName("ix_alarm_one_active_per_rule_and_vin");
        e.HasIndex(a => new { a.Vin, a.RaisedAt });
        e.HasIndex(a => a.RaisedAt);
    }
}

public sealed class AlarmSubscriptionConfiguration : IEntityTypeConfiguration<AlarmSubscription>
{
    public void Configure(EntityTypeBuilder<AlarmSubscription> e)
    {
        e.ToTable("alarm_subscription", "main");
        e.HasKey(s => s.Id);
        e.Property(s => s.Username).HasMaxLength(200);
        e.Property(s => s.MinimumSeverity).HasMaxLength(20);
        e.Property(s => s.Scope).HasMaxLength(10);
        e.HasIndex(s => s.Username);
        // The use case refuses a duplicate with a clear message; this catches two saves of the same one at once, which
        // the context turns into a conflict. "All vehicles" has no scope id, and two of those are still duplicates.
        e.HasIndex(s => new { s.Username, s.Scope, s.ScopeId, s.MinimumSeverity }).IsUnique().AreNullsDistinct(false);
    }
}
