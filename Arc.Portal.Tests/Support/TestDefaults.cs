using System.Runtime.CompilerServices;
using Bunit;

namespace Arc.Portal.Tests.Support;

internal static class TestDefaults
{
    /// <summary>
    /// Component tests run their use cases against the real database while browser tests load the same two cores; a
    /// page's first load can take longer than bUnit's one-second default there. Waits still end as soon as they pass.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize()
    {
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        // The same for the browser: an expectation is met as soon as it holds, and may take longer than 5 s under load.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(10_000);
    }
}
