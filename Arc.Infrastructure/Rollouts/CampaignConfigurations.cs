using Arc.Domain.Firmware;
using Arc.Domain.Recalls;
using Arc.Domain.Rollouts;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Rollouts;

/// <summary>Over-the-air campaigns (decision 0052), in the <c>main</c> schema; statuses stored by name.</summary>
public sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> e)
    {
        e.ToTable("ota_campaigns", "main");
        e.Property(c => c.Name).HasMaxLength(Campaign.MaxNameLength);
        e.Property(c => c.Owner).HasMaxLength(200);
        e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.StatusReason).HasMaxLength(1100);
        e.Property(c => c.PopulationKind).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.PopulationComponent).HasMaxLength(50);
        e.Ignore(c => c.IsActive);
        e.HasOne<Recall>().WithMany().HasForeignKey(c => c.RecallId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Campaign>().WithMany().HasForeignKey(c => c.RollbackOf).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.Status, c.Created });
        e.MapVersion();
    }
}

public sealed class CampaignTargetConfiguration : IEntityTypeConfiguration<CampaignTarget>
{
    public void Configure(EntityTypeBuilder<CampaignTarget> e)
    {
        e.ToTable("ota_campaign_targets", "main");
        e.HasKey(t => new { t.CampaignId, t.Component });
        e.Property(t => t.Component).HasMaxLength(50);
        e.Property(t => t.PartType).HasMaxLength(50);
        e.Property(t => t.Hash).HasMaxLength(64);
        e.HasOne<Campaign>().WithMany().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<FirmwareRelease>().WithMany().HasForeignKey(t => t.FirmwareReleaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CampaignWaveConfiguration : IEntityTypeConfiguration<CampaignWave>
{
    public void Configure(EntityTypeBuilder<CampaignWave> e)
    {
        e.ToTable("ota_campaign_waves", "main");
        e.HasKey(w => new { w.CampaignId, w.Index });
        e.Property(w => w.Index).HasColumnName("wave_index");
        e.HasOne<Campaign>().WithMany().HasForeignKey(w => w.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>One row per vehicle per campaign (a unique index); looked up by VIN on every check-in, so indexed by it.</summary>
public sealed class CampaignVehicleConfiguration : IEntityTypeConfiguration<CampaignVehicle>
{
    public void Configure(EntityTypeBuilder<CampaignVehicle> e)
    {
        e.ToTable("ota_campaign_vehicles", "main");
        e.Property(v => v.Vin).HasMaxLength(40);
        e.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(v => v.Reason).HasMaxLength(CampaignVehicle.MaxReasonLength);
        e.HasOne<Campaign>().WithMany().HasForeignKey(v => v.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(v => new { v.CampaignId, v.Vin }).IsUnique();
        e.HasIndex(v => new { v.CampaignId, v.Wave, v.Status });
        e.HasIndex(v => new { v.Vin, v.Status });
        e.MapVersion();
    }
}

public sealed class CampaignTransitionConfiguration : IEntityTypeConfiguration<CampaignTransition>
{
    public void Configure(EntityTypeBuilder<CampaignTransition> e)
    {
        e.ToTable("ota_campaign_transitions", "main");
        e.Property(t => t.Actor).HasMaxLength(200);
        e.Property(t => t.From).HasConversion<string>().HasMaxLength(20);
        e.Property(t => t.To).HasConversion<string>().HasMaxLength(20);
        e.Property(t => t.Reason).HasMaxLength(1100);
        e.HasOne<Campaign>().WithMany().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(t => new { t.CampaignId, t.At });
    }
}

public sealed class CampaignHealthCheckConfiguration : IEntityTypeConfiguration<CampaignHealthCheck>
{
    public void Configure(EntityTypeBuilder<CampaignHealthCheck> e)
    {
        e.ToTable("ota_campaign_health_checks", "main");
        e.Property(h => h.Verdict).HasMaxLength(1000);
        e.HasOne<Campaign>().WithMany().HasForeignKey(h => h.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(h => new { h.CampaignId, h.At });
    }
}
