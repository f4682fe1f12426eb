using System.Runtime.CompilerServices;
using Bunit;

namespace Arc.Portal.Tests.Support;

internal static class ComponentTestDefaults
{
    /// <summary>
    /// Component tests run their use cases against the real database while browser tests load the same two cores; a
    /// page's first load can take longer than bUnit's one-second default there. Waits still end as soon as they pass.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}
