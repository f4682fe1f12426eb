using Arc.Domain.Firmware;
using Arc.Domain.Models;
using Arc.Domain.Vehicles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Firmware;

public sealed class FirmwareComponentConfiguration : IEntityTypeConfiguration<FirmwareComponent>
{
    public void Configure(EntityTypeBuilder<FirmwareComponent> e)
    {
        e.ToTable("firmware_components", "main");
        e.HasKey(c => new { c.PartType, c.Component });
        e.Property(c => c.PartType).HasMaxLength(50);
        e.Property(c => c.Component).HasColumnName("firmware_component").HasMaxLength(50);
        e.HasOne<PartType>().WithMany().HasForeignKey(c => c.PartType);
    }
}

public sealed class FirmwareReleaseConfiguration : IEntityTypeConfiguration<FirmwareRelease>
{
    public void Configure(EntityTypeBuilder<FirmwareRelease> e)
    {
        e.ToTable("firmware_release", "main");
        e.Property(r => r.Id).HasColumnName("firmware_release_id");
        e.Property(r => r.PartType).HasMaxLength(50);
        e.Property(r => r.Component).HasColumnName("firmware_component").HasMaxLength(50);
        e.Property(r => r.Hash).HasMaxLength(64);
        e.Property(r => r.Author).HasMaxLength(FirmwareManifest.MaxAuthorLength);
        e.Property(r => r.Description).HasMaxLength(FirmwareManifest.MaxMessageLength);
        e.HasIndex(r => new { r.PartType, r.Component, r.Hash }).IsUnique();
        e.HasIndex(r => new { r.Component, r.Created });
        e.HasOne<PartType>().WithMany().HasForeignKey(r => r.PartType);
    }
}

public sealed class FirmwareVersionConfiguration : IEntityTypeConfiguration<FirmwareVersion>
{
    public void Configure(EntityTypeBuilder<FirmwareVersion> e)
    {
        e.ToTable("firmware_versions", "main");
        e.HasKey(v => new { v.Component, v.Hash });
        e.Property(v => v.Component).HasColumnName("firmware_component").HasMaxLength(50);
        e.Property(v => v.Hash).HasMaxLength(64);
    }
}

public sealed class VehicleFirmwareInstalledConfiguration : IEntityTypeConfiguration<VehicleFirmwareInstalled>
{
    public void Configure(EntityTypeBuilder<VehicleFirmwareInstalled> e)
    {
        e.ToTable("vehicle_firmware_installed", "main");
        e.HasKey(f => new { f.Vin, f.PartType, f.Component });
        e.Property(f => f.PartType).HasMaxLength(50);
        e.Property(f => f.Component).HasColumnName("firmware_component").HasMaxLength(50);
        e.HasOne<Vehicle>().WithMany().HasForeignKey(f => f.Vin).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PartType>().WithMany().HasForeignKey(f => f.PartType);
        e.HasOne(f => f.Release).WithMany().HasForeignKey(f => f.FirmwareReleaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
