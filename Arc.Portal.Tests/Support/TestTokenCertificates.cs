using Arc.Infrastructure.DevServices;

namespace Arc.Portal.Tests.Support;

/// <summary>The API token certificates a test portal outside Development is given: made once per test run.</summary>
public static class TestTokenCertificates
{
    private static readonly Lazy<Dictionary<string, string?>> Made = new(() => ThrowAwayTokenCertificates.Settings("Arc Portal test", TimeSpan.FromDays(365)));

    public static IEnumerable<KeyValuePair<string, string?>> Settings() => Made.Value;
}
