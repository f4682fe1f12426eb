using Arc.Domain.ManagedSessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.ManagedSessions;

public sealed class ManagedSessionVehicleConfiguration : IEntityTypeConfiguration<ManagedSessionVehicle>
{
    public void Configure(EntityTypeBuilder<ManagedSessionVehicle> e)
    {
        e.ToTable("managed_sessions_vehicles", "main");
        e.HasKey(m => m.Vin);
    }
}
