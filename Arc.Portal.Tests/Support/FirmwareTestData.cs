using System.Text;
using Arc.Domain.Firmware;

namespace Arc.Portal.Tests.Support;

/// <summary>Release manifests as the pipeline writes them, for tests.</summary>
public static class FirmwareTestData
{
    public static string NewHash() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    /// <summary>A manifest releasing every component the catalogue knows (with its variants), each with a new hash.</summary>
    public static byte[] FullManifest(DateTimeOffset committed, IDictionary<string, string>? hashes = null, IEnumerable<string>? only = null)
    {
        var components = (only ?? FirmwareCatalogue.DefaultHosts.Select(h => h.Component)).Distinct().ToList();
        var entries = new List<string>
        {
            $$"""  "Repository": {"hash": "{{NewHash()}}", "author": "Pipeline", "date": "{{committed:O}}", "message": "Deploy", "name": "Deployed Firmware"}""",
        };
        foreach (var component in components)
        {
            var hash = NewHash();
            hashes?.Add(component, hash);
            entries.Add($$"""  "{{component}}.bin": {"hash": "{{hash}}", "author": "Build Bot", "date": "{{committed:O}}", "message": "Build of {{component}}", "name": "{{component}}"}""");
        }
        return Encoding.UTF8.GetBytes("{\"firmware\": {\n" + string.Join(",\n", entries) + "\n}}");
    }
}
