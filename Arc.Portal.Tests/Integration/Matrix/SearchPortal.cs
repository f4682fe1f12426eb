using Arc.Domain.Search;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>
/// SearchPortal's row of the authorization matrix: any signed-in user may search. Which kinds each seeded group finds is
/// SearchPortalTests' business (a kind its permissions do not cover is never searched).
/// </summary>
public sealed class SearchPortalEntry : MatrixEntry<SearchPortal>
{
    public override string Requirement => SignedIn;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<SearchPortal>().HandleAsync("arc");
}
