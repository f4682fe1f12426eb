using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Arc.Migrations;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the portal or any server.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<ArcDbContext>
{
    public ArcDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ArcDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=design_time", o => o.MigrationsAssembly("Arc.Migrations"))
            .UseSnakeCaseNamingConvention()
            .Options);
}
