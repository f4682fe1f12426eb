using Arc.Domain.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Intake;

public sealed class IntakeVehicleStatsConfiguration : IEntityTypeConfiguration<IntakeVehicleStats>
{
    public void Configure(EntityTypeBuilder<IntakeVehicleStats> e)
    {
        e.ToTable("vehicle_stats", "intake");
        e.HasKey(x => x.Vin);
        e.Property(x => x.Vin).HasMaxLength(40);
    }
}

public sealed class IntakeIntervalConfiguration : IEntityTypeConfiguration<IntakeInterval>
{
    public void Configure(EntityTypeBuilder<IntakeInterval> e)
    {
        e.ToTable("interval", "intake");
        e.HasIndex(x => x.End);
    }
}

public sealed class IntakeRefusalConfiguration : IEntityTypeConfiguration<IntakeRefusal>
{
    public void Configure(EntityTypeBuilder<IntakeRefusal> e)
    {
        e.ToTable("refusal", "intake");
        e.Property(x => x.Source).HasMaxLength(20);
        e.Property(x => x.Vin).HasMaxLength(40);
        e.Property(x => x.Topic).HasMaxLength(256);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.Body).HasMaxLength(IntakeRefusal.MaxBodyChars);
        e.HasIndex(x => x.At);
        e.HasIndex(x => x.Vin);
    }
}

public sealed class IntakeDeadLetterConfiguration : IEntityTypeConfiguration<IntakeDeadLetter>
{
    public void Configure(EntityTypeBuilder<IntakeDeadLetter> e)
    {
        e.ToTable("dead_letter", "intake");
        e.Property(x => x.Source).HasMaxLength(20);
        e.Property(x => x.MessageId).HasMaxLength(200);
        e.Property(x => x.Topic).HasMaxLength(256);
        e.Property(x => x.Vin).HasMaxLength(40);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.Status).HasMaxLength(20);
        e.Property(x => x.ResolvedBy).HasMaxLength(200);
        e.Property(x => x.Outcome).HasMaxLength(1000);
        e.HasIndex(x => new { x.Status, x.At });
        // A redelivered message that failed again is one dead letter, not two.
        e.HasIndex(x => new { x.Source, x.MessageId }).IsUnique();
    }
}
