using Arc.Domain.Fleets;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>GetFleetStatistics's row of the authorization matrix: a public figure, for anyone, signed in or not.</summary>
public sealed class GetFleetStatisticsEntry : MatrixEntry<GetFleetStatistics>
{
    public override string Requirement => Anyone;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<GetFleetStatistics>().HandleAsync("No fleet of the matrix");
}
