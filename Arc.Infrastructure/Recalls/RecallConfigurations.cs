using Arc.Domain.Recalls;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Recalls;

/// <summary>
/// The old <c>recalls</c> table (spec/backend.md §2) with the fields a US recall desk reports added. One active
/// recall per NHTSA number (a partial unique index; deleted ones keep theirs).
/// </summary>
public sealed class RecallConfiguration : IEntityTypeConfiguration<Recall>
{
    public void Configure(EntityTypeBuilder<Recall> e)
    {
        e.ToTable("recalls", "main");
        e.Property(r => r.Title).HasMaxLength(Recall.MaxTitleLength);
        e.Property(r => r.Description).HasMaxLength(Recall.MaxDescriptionLength);
        e.Property(r => r.NhtsaNumber).HasMaxLength(9).IsFixedLength();
        e.Property(r => r.ManufacturerNumber).HasColumnName("mfr_campaign_id").HasMaxLength(Recall.MaxManufacturerNumberLength);
        e.Property(r => r.Country).HasMaxLength(3).IsFixedLength().HasDefaultValue("USA");
        e.Property(r => r.SafetyDescription).HasMaxLength(Recall.MaxDescriptionLength);
        e.Property(r => r.Component).HasMaxLength(Recall.MaxComponentLength);
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(10);
        e.Property(r => r.CreatedBy).HasMaxLength(200);
        e.HasIndex(r => r.NhtsaNumber).IsUnique().HasFilter("status = 'Active'").HasDatabaseName("ux_recalls_nhtsa_number_active");
        e.ToTable(t => t.HasCheckConstraint("ck_recalls_safety_description", "NOT safety_recall OR safety_description IS NOT NULL"));
        e.MapVersion();
    }
}

public sealed class RecallRemedyConfiguration : IEntityTypeConfiguration<RecallRemedy>
{
    public void Configure(EntityTypeBuilder<RecallRemedy> e)
    {
        e.ToTable("recall_remedies", "main");
        e.Property(m => m.Description).HasMaxLength(RecallRemedy.MaxDescriptionLength);
        e.Property(m => m.Type).HasConversion<string>().HasMaxLength(20);
        e.HasOne<Recall>().WithMany().HasForeignKey(m => m.RecallId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(m => m.RecallId).IsUnique();
        e.Ignore(m => m.Firmware);
        e.Property(m => m.FirmwareComponent).HasMaxLength(RemedyFirmwareRules.MaxComponentLength);
        e.Property(m => m.FirmwareHash).HasMaxLength(RemedyFirmwareRules.MaxHashLength);
        // Remedy firmware: a component and a version together, and only on a remedy sent over the air (decision 0049).
        e.ToTable(t => t.HasCheckConstraint("ck_recall_remedies_firmware",
            "(firmware_component IS NULL) = (firmware_hash IS NULL) AND (firmware_component IS NULL OR type <> 'DealerRepair')"));
        e.MapVersion();
    }
}

public sealed class RecallDataUpdateConfiguration : IEntityTypeConfiguration<RecallDataUpdate>
{
    public void Configure(EntityTypeBuilder<RecallDataUpdate> e)
    {
        e.ToTable("recall_data_updates", "main");
        e.HasIndex(u => u.UpdatedAt);
    }
}

/// <summary>
/// The old <c>vehicle_recalls</c>, with the uniqueness the old code only hoped for: one entry per VIN per recall is a
/// unique index. Statuses and reasons are stored by name; a check keeps each status's details consistent.
/// </summary>
public sealed class RecallVehicleConfiguration : IEntityTypeConfiguration<RecallVehicle>
{
    public void Configure(EntityTypeBuilder<RecallVehicle> e)
    {
        e.ToTable("vehicle_recalls", "main");
        e.Property(v => v.Vin).HasMaxLength(40);
        e.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(v => v.UnreachableReason).HasConversion<string>().HasMaxLength(20);
        e.Property(v => v.ServiceReference).HasMaxLength(RecallVehicle.MaxServiceReferenceLength);
        e.Property(v => v.ReasonNote).HasMaxLength(RecallVehicle.MaxReasonNoteLength);
        e.Property(v => v.AddedBy).HasMaxLength(200);
        e.Property(v => v.ChangedBy).HasMaxLength(200);
        e.Property(v => v.OtaComponent).HasMaxLength(RemedyFirmwareRules.MaxComponentLength);
        e.Property(v => v.OtaHash).HasMaxLength(RemedyFirmwareRules.MaxHashLength);
        e.Property(v => v.OtaSource).HasConversion<string>().HasMaxLength(20);
        e.HasOne<Recall>().WithMany().HasForeignKey(v => v.RecallId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(v => new { v.RecallId, v.Vin }).IsUnique().HasDatabaseName("ux_vehicle_recalls_recall_vin");
        e.HasIndex(v => new { v.RecallId, v.Status });
        // The public lookup and a vehicle's Recalls tab start from the VIN.
        e.HasIndex(v => v.Vin);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("ck_vehicle_recalls_service_date",
                "(status IN ('Remedied', 'Inspected')) = (service_date IS NOT NULL)");
            t.HasCheckConstraint("ck_vehicle_recalls_unreachable_reason",
                "(status = 'Unreachable') = (unreachable_reason IS NOT NULL)");
            // The evidence of a remedy over the air is whole, and only on a remedied entry.
            t.HasCheckConstraint("ck_vehicle_recalls_ota_evidence",
                "(ota_hash IS NULL) = (ota_component IS NULL) AND (ota_hash IS NULL) = (ota_reported_at IS NULL) "
                + "AND (ota_hash IS NULL) = (ota_source IS NULL) AND (ota_hash IS NULL OR status = 'Remedied')");
        });
        e.MapVersion();
    }
}

/// <summary>
/// The history of vehicles in recalls (decision 0041): rows only added, read by recall up to a day for the completion
/// counts, the burn-down and the quarterly reports. A removed vehicle's entry is deleted but its history stays.
/// </summary>
public sealed class RecallVehicleEventConfiguration : IEntityTypeConfiguration<RecallVehicleEvent>
{
    public void Configure(EntityTypeBuilder<RecallVehicleEvent> e)
    {
        e.ToTable("vehicle_recall_events", "main");
        e.Property(v => v.Vin).HasMaxLength(40);
        e.Property(v => v.State).HasConversion<string>().HasMaxLength(20);
        e.Property(v => v.UnreachableReason).HasConversion<string>().HasMaxLength(20);
        e.Property(v => v.RecordedBy).HasMaxLength(200);
        e.HasOne<Recall>().WithMany().HasForeignKey(v => v.RecallId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(v => new { v.RecallId, v.EffectiveOn });
        e.ToTable(t => t.HasCheckConstraint("ck_vehicle_recall_events_reason", "(state = 'Unreachable') = (unreachable_reason IS NOT NULL)"));
    }
}

/// <summary>Quarterly completion reports: one per recall and quarter, frozen once signed off.</summary>
public sealed class RecallQuarterReportConfiguration : IEntityTypeConfiguration<RecallQuarterReport>
{
    public void Configure(EntityTypeBuilder<RecallQuarterReport> e)
    {
        e.ToTable("recall_quarter_reports", "main");
        e.Ignore(r => r.Counts);
        e.Property(r => r.GeneratedBy).HasMaxLength(200);
        e.Property(r => r.SignedOffBy).HasMaxLength(200);
        e.HasOne<Recall>().WithMany().HasForeignKey(r => r.RecallId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => new { r.RecallId, r.Year, r.Quarter }).IsUnique();
        e.ToTable(t => t.HasCheckConstraint("ck_recall_quarter_reports_quarter", "quarter BETWEEN 1 AND 4"));
        e.MapVersion();
    }
}
