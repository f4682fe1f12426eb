using Arc.Domain.Fleets;
using Arc.Domain.Locations;
using Arc.Infrastructure.Locations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Fleets;

public sealed class FleetConfiguration : IEntityTypeConfiguration<Fleet>
{
    public void Configure(EntityTypeBuilder<Fleet> e)
    {
        e.ToTable("vehicle_group", "main");
        e.Property(f => f.Name).HasMaxLength(100);
        e.Ignore(f => f.IsProtected);
        // Fleet names are unique without regard to case, so creating or renaming a fleet can rely on the database.
        CaseInsensitiveKey.Add(e, "name", "ux_vehicle_group_name");
        e.HasOne<FleetType>().WithMany().HasForeignKey(f => f.TypeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Location>().WithMany().HasForeignKey(f => f.LocationId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<DepartmentCode>().WithMany().HasForeignKey(f => f.DepartmentCodeId).OnDelete(DeleteBehavior.SetNull);
    }
}
