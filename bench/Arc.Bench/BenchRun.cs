using System.Globalization;

namespace Arc.Bench;

/// <summary>
/// One scenario's run: its arguments and whether it is a smoke run (tiny sizes, seconds, to prove the scenario still
/// works), and the one place figures are printed, as <c>bench &lt;scenario&gt; &lt;figure&gt; &lt;value&gt;</c> lines a
/// script can grep.
/// </summary>
public sealed record BenchRun(string Scenario, bool Smoke, IReadOnlyList<string> Arguments)
{
    public const string SmokeFlag = "--smoke";

    /// <summary>The first positional argument as a number, else the smoke or full default.</summary>
    public double Size(double full, double smoke) =>
        Arguments.Count > 0 ? double.Parse(Arguments[0], CultureInfo.InvariantCulture) : Smoke ? smoke : full;

    /// <summary>Full-run or smoke-run value of a setting that has no argument.</summary>
    public T Pick<T>(T full, T smoke) => Smoke ? smoke : full;

    public void Figure(string figure, double value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench {Scenario} {figure} {Math.Round(value, 4)}"));

    private static readonly List<string> Directories = [];

    /// <summary>A directory for a scenario's throw-away servers, removed by <see cref="DeleteTempDirectories"/>.</summary>
    public static string TempDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "arc-bench-" + Guid.NewGuid().ToString("N")[..8]);
        lock (Directories)
            Directories.Add(directory);
        return directory;
    }

    /// <summary>Throw-away servers stop with their scenario but leave their data behind; this removes it.</summary>
    public static void DeleteTempDirectories()
    {
        lock (Directories)
        {
            foreach (var directory in Directories.Where(Directory.Exists))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"Could not remove {directory}: {e.Message}");
                }
            }
            Directories.Clear();
        }
    }
}
