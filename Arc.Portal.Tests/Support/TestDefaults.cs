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
        // One test process hosts several portals at once, and a component test's synchronous wait holds a pool thread
        // while the renderer it waits for needs another. The pool starts threads beyond its minimum slowly (about one
        // every half second), so a busy moment could leave a render unscheduled past the whole wait. A higher minimum
        // lets the pool start the threads such a moment needs at once.
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), completions);
    }
}
