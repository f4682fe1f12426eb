using Xunit.Abstractions;

namespace Arc.Portal.Tests.Support;

/// <summary>
/// Base of the browser tests: each test ends by checking that the portal logged no error while a person used it,
/// which is how a bad input that "looked fine" but broke something on the server is caught.
/// </summary>
[Trait("Category", "Browser")]
public abstract class BrowserTest(PortalAndBrowser fixture, ITestOutputHelper output) : IClassFixture<PortalAndBrowser>, IDisposable
{
    protected PortalAndBrowser Fixture { get; } = fixture;

    public void Dispose()
    {
        AssertNoServerErrors(Fixture.Portal, output);
        GC.SuppressFinalize(this);
    }

    /// <summary>Shows what the portal logged as errors in the test's output, and fails the test if there was any.</summary>
    public static void AssertNoServerErrors(PortalServer portal, ITestOutputHelper output)
    {
        var errors = portal.Log.Errors.ToList();
        foreach (var entry in errors)
            output.WriteLine(entry);
        Assert.Empty(errors);
    }
}
