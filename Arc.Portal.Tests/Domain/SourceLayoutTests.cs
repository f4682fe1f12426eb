using Arc.Infrastructure.DevServices;

namespace Arc.Portal.Tests.Domain;

/// <summary>
/// Issue 12: a newcomer finds a feature's code quickly when files stay small. A source file over the limit is a sign
/// that a child component, a code-behind or a class of its own wants to come out.
/// </summary>
public sealed class SourceLayoutTests
{
    private const int MaxCodeLines = 300;
    private const int MaxRazorLines = 200;
    private const int MaxMedianLines = 60;

    private static readonly string[] Projects = ["Arc.Domain", "Arc.Infrastructure", "Arc.Portal", "Arc.Portal.Tests", "bench"];

    // Build output, EF migrations (written by dotnet ef) and npm packages are not written by hand.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "Migrations", "node_modules" };

    private static readonly string[] GeneratedSuffixes = [".g.cs", ".Designer.cs", ".generated.cs"];

    [Fact]
    public void No_hand_written_file_is_over_the_limit_of_its_kind()
    {
        var tooLong = HandWrittenFiles()
            .Where(f => f.Lines > (f.Path.EndsWith(".razor", StringComparison.Ordinal) ? MaxRazorLines : MaxCodeLines))
            .Select(f => $"{f.Path} ({f.Lines} lines)")
            .ToList();
        Assert.True(tooLong.Count == 0,
            $"Over {MaxCodeLines} lines (.cs) or {MaxRazorLines} lines (.razor): " + string.Join(", ", tooLong));
    }

    [Fact]
    public void The_median_hand_written_file_is_short()
    {
        var lines = HandWrittenFiles().Select(f => f.Lines).Order().ToList();
        Assert.NotEmpty(lines);
        var median = lines[lines.Count / 2];
        Assert.True(median <= MaxMedianLines, $"The median file has {median} lines (of {lines.Count} files); at most {MaxMedianLines} expected.");
    }

    private static IEnumerable<(string Path, int Lines)> HandWrittenFiles()
    {
        var root = EmbeddedServers.RepositoryRoot(AppContext.BaseDirectory);
        return Projects
            .SelectMany(project => SourceFiles(new DirectoryInfo(Path.Combine(root, project))))
            .Select(file => (Path.GetRelativePath(root, file.FullName), File.ReadAllLines(file.FullName).Length));
    }

    private static IEnumerable<FileInfo> SourceFiles(DirectoryInfo directory)
    {
        foreach (var file in directory.EnumerateFiles())
        {
            var name = file.Name;
            if ((name.EndsWith(".cs", StringComparison.Ordinal) || name.EndsWith(".razor", StringComparison.Ordinal))
                && !GeneratedSuffixes.Any(suffix => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)))
                yield return file;
        }
        foreach (var child in directory.EnumerateDirectories().Where(d => !SkippedFolders.Contains(d.Name)))
        {
            foreach (var file in SourceFiles(child))
                yield return file;
        }
    }
}
