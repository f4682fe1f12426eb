using Arc.Domain.Fleets;
using Arc.Infrastructure.Locations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Fleets;

public sealed class FleetTypeConfiguration : IEntityTypeConfiguration<FleetType>
{
    public void Configure(EntityTypeBuilder<FleetType> e)
    {
        e.ToTable("vehicle_group_type", "main");
        e.Property(t => t.Name).HasColumnName("group_type").HasMaxLength(20);
        e.HasData(new FleetType { Id = 1, Name = "internal" }, new FleetType { Id = 2, Name = "pilot" }, new FleetType { Id = 3, Name = "rental" });
    }
}

public sealed class DepartmentCodeConfiguration : IEntityTypeConfiguration<DepartmentCode>
{
    /// <summary>The old system's 22 departments (spec/backend.md §2.2).</summary>
    private static readonly (string Code, string Description)[] Seeded =
    [
        ("510", "Manufacturing"), ("520", "Fabrication"), ("530", "Manufacturing Engineering"), ("540", "Materials"), ("550", "Quality"),
        ("560", "Battery"), ("610", "Customer Experience"), ("630", "Creative Marketing"), ("640", "Sales"), ("650", "Product Support"),
        ("660", "Logistics"), ("670", "Rental Operations"), ("710", "Engineering"), ("720", "Research & Development"), ("730", "Regulatory Affairs"),
        ("740", "CEO"), ("750", "Tilting Motor Works"), ("810", "Accounting"), ("820", "Administration"), ("830", "Human Resources"),
        ("840", "Technology Infrastructure"), ("850", "Strategic Affairs"),
    ];

    public void Configure(EntityTypeBuilder<DepartmentCode> e)
    {
        e.ToTable("accounting_department_code", "main");
        // Seeded rows take the first ids; new ones start above them (EF does not move the identity past seeded ids).
        e.Property(c => c.Id).UseIdentityByDefaultColumn().HasIdentityOptions(startValue: 100);
        e.Property(c => c.Code).HasMaxLength(DepartmentCode.MaxCodeLength);
        e.Property(c => c.Description).HasMaxLength(DepartmentCode.MaxDescriptionLength);
        CaseInsensitiveKey.Add(e, "code", "ux_accounting_department_code_code");
        e.HasData(Seeded.Select((s, i) => new DepartmentCode { Id = i + 1, Code = s.Code, Description = s.Description }));
    }
}
