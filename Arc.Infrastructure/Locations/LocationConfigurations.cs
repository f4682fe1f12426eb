using Arc.Domain.Locations;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Locations;

/// <summary>
/// Names are unique without regard to case. EF cannot index an expression, so a stored generated column holds the
/// lower-cased name and carries the unique index; it is part of the model and survives a regenerated migration.
/// </summary>
internal static class CaseInsensitiveKey
{
    public const string Property = "NameKey";

    public static void Add<T>(EntityTypeBuilder<T> e, string column, string indexName) where T : class
    {
        e.Property<string>(Property).HasColumnName(column + "_key").HasComputedColumnSql($"lower({column})", stored: true);
        e.HasIndex(Property).IsUnique().HasDatabaseName(indexName);
    }
}

public sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> e)
    {
        e.ToTable("locations", "main");
        e.Property(l => l.Name).HasColumnName("location_name").HasMaxLength(Location.MaxNameLength);
        e.Property(l => l.StructureName).HasMaxLength(50);
        e.Property(l => l.StreetNumberSuffix).HasMaxLength(5);
        e.Property(l => l.StreetName).HasMaxLength(50);
        e.Property(l => l.StreetType).HasMaxLength(50);
        e.Property(l => l.StreetDirection).HasMaxLength(2);
        e.Property(l => l.AddressTypeId).HasColumnName("address_type");
        e.Property(l => l.AddressTypeIdentifier).HasMaxLength(15);
        e.Property(l => l.City).HasMaxLength(50);
        e.Property(l => l.GoverningDistrict).HasMaxLength(50);
        e.Property(l => l.PostalArea).HasMaxLength(15);
        e.Property(l => l.LocalMunicipality).HasMaxLength(50);
        e.Property(l => l.Country).HasMaxLength(2).IsFixedLength();
        e.Property(l => l.Latitude).HasColumnName("gps_latitude").HasPrecision(15, LocationRules.PositionDecimals);
        e.Property(l => l.Longitude).HasColumnName("gps_longitude").HasPrecision(15, LocationRules.PositionDecimals);
        e.Property(l => l.CreatedBy).HasMaxLength(200);
        e.HasOne<AddressType>().WithMany().HasForeignKey(l => l.AddressTypeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AccountingLocationCode>().WithMany().HasForeignKey(l => l.AccountingLocationCodeId).OnDelete(DeleteBehavior.SetNull);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("ck_locations_latitude", "gps_latitude BETWEEN -90 AND 90");
            t.HasCheckConstraint("ck_locations_longitude", "gps_longitude BETWEEN -180 AND 180");
        });
        CaseInsensitiveKey.Add(e, "location_name", "ux_locations_name");
        e.MapVersion();
    }
}

public sealed class AddressTypeConfiguration : IEntityTypeConfiguration<AddressType>
{
    public void Configure(EntityTypeBuilder<AddressType> e)
    {
        e.ToTable("locations_address_types", "main");
        e.Property(t => t.Name).HasColumnName("address_type").HasMaxLength(20);
        e.HasData(new[] { "PO Box", "Apartment", "Building", "Floor", "Office", "Suite" }.Select((name, i) => new AddressType { Id = i + 1, Name = name }));
    }
}

public sealed class AccountingLocationCodeConfiguration : IEntityTypeConfiguration<AccountingLocationCode>
{
    /// <summary>The old system's codes (spec/backend.md §2.2): state, city, site.</summary>
    private static readonly string[] Seeded =
    [
        "OR-EU-HQ", "OR-EU-AI", "CA-SD-AI", "FL-OL-AI", "HI-MU-AI", "CA-CT-AI", "FL-HC-AI", "AZ-SC-DC", "HI-MU-GC", "CA-LA-RF",
        "CA-SM-RF", "FL-SP-SS", "FL-MI-RF", "FL-DV-AC", "FL-MI-IB", "OR-EU-GT", "WA-FH-SM", "FL-SS-IH", "CA-SD-GC",
    ];

    public void Configure(EntityTypeBuilder<AccountingLocationCode> e)
    {
        e.ToTable("accounting_location_code", "main");
        // Seeded rows take the first ids; new ones start above them (EF does not move the identity past seeded ids).
        e.Property(c => c.Id).UseIdentityByDefaultColumn().HasIdentityOptions(startValue: 100);
        e.Property(c => c.Code).HasMaxLength(AccountingLocationCode.MaxLength);
        CaseInsensitiveKey.Add(e, "code", "ux_accounting_location_code_code");
        e.HasData(Seeded.Select((code, i) => new AccountingLocationCode { Id = i + 1, Code = code }));
    }
}
