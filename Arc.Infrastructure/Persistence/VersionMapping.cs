using Arc.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Arc.Infrastructure.Persistence;

public static class VersionMapping
{
    /// <summary>
    /// Maps <see cref="IVersioned.Version"/> to PostgreSQL's xmin system column (no column of its own). It is read with the
    /// row and checked only where a use case asks (<see cref="IArcData.ExpectVersion{T}"/>), not as an EF concurrency token:
    /// writers that act on the current state (sign-in counters, provisioning) must never fail because someone else wrote
    /// the row meanwhile.
    /// </summary>
    public static void MapVersion<T>(this EntityTypeBuilder<T> e) where T : class, IVersioned =>
        e.Property(x => x.Version).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate();
}
