using Arc.Domain.Api;
using Arc.Domain.Provisioning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Api;

/// <summary>Requests sent with an Idempotency-Key: one row per caller and key, the first to insert it runs the request.</summary>
public sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> e)
    {
        e.ToTable("api_idempotency_keys", "main");
        e.HasKey(r => new { r.Principal, r.Key });
        e.Property(r => r.Principal).HasMaxLength(200);
        e.Property(r => r.Key).HasMaxLength(IdempotencyRules.MaxKeyLength);
        e.Property(r => r.Method).HasMaxLength(10);
        e.Property(r => r.Path).HasMaxLength(2000);
        e.Property(r => r.RequestHash).HasMaxLength(64);
        e.Property(r => r.ContentType).HasMaxLength(200);
        e.HasIndex(r => r.CreatedAt);
    }
}

/// <summary>Identity files kept sealed for one collection through the API.</summary>
public sealed class IdentityPickupConfiguration : IEntityTypeConfiguration<IdentityPickup>
{
    public void Configure(EntityTypeBuilder<IdentityPickup> e)
    {
        e.ToTable("vehicle_identity_pickups", "main");
        e.Property(p => p.Vin).HasMaxLength(40);
        e.Property(p => p.CreatedBy).HasMaxLength(200);
        e.Property(p => p.CollectedBy).HasMaxLength(200);
        e.Property(p => p.KeyReference).HasMaxLength(300);
        e.HasIndex(p => new { p.Vin, p.Id });
        e.HasIndex(p => p.ExpiresAt).HasFilter("ciphertext IS NOT NULL");
        e.ToTable(t => t.HasCheckConstraint("ck_vehicle_identity_pickups_sealed", "(ciphertext IS NULL) = (key_reference IS NULL)"));
    }
}
