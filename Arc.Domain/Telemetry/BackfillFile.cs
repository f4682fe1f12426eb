using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arc.Domain.Common;

namespace Arc.Domain.Telemetry;

/// <summary>Reads a backfill file: one JSON object per line, each a telemetry data item with its timestamp.</summary>
public static class BackfillFile
{
    public const int MaxBytes = 20 * 1024 * 1024;
    public const int MaxReportedProblems = 20;
    /// <summary>Raw data lives 30 days; older lines would be dropped by the database at once.</summary>
    public static readonly TimeSpan OldestAccepted = TimeSpan.FromDays(30);

    /// <summary>The format a line's <c>timestamp</c> takes, as the upload form explains it.</summary>
    public const string TimestampHelp = "a date and time in UTC such as 2026-11-30 14:05:00 (ISO 8601 with an offset, 2026-11-30T16:05:00+02:00, works too)";

    /// <summary>All samples of the file, or every problem with its line number (at most 20) and none of the samples.</summary>
    /// <param name="knownPoints">The point names the telemetry definitions know; a line naming another is a problem. Null
    /// when the file was checked already.</param>
    public static (IReadOnlyList<TelemetrySample> Samples, int Lines, IReadOnlyList<string> Problems) Read(byte[] content, string vin,
        DeploymentEnvironment environment, DateTimeOffset now, IReadOnlySet<string>? knownPoints = null)
    {
        var problems = new List<string>();
        var samples = new List<TelemetrySample>();
        var text = Encoding.UTF8.GetString(content);
        var lines = text.Split('\n');
        var counted = 0;
        for (var i = 0; i < lines.Length && problems.Count < MaxReportedProblems; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
                continue;
            counted++;
            try
            {
                if (JsonNode.Parse(line) is not JsonObject item)
                    throw new ValidationFailedException("line", "it is not a JSON object.");
                var unknown = knownPoints is null ? []
                    : item.Select(p => p.Key).Where(k => k is not ("timestamp" or "vin") && !knownPoints.Contains(k)).ToList();
                if (unknown.Count > 0)
                    throw new ValidationFailedException("point",
                        $"no telemetry definition knows {string.Join(", ", unknown.Take(5).Select(Quoted))}{(unknown.Count > 5 ? $" and {unknown.Count - 5} more" : "")}.");
                var record = new JsonObject { ["vin"] = vin, ["data"] = new JsonArray(item) };
                foreach (var sample in IngestTransform.Transform(record, environment, envPrefix: false))
                {
                    if (sample.Time > now.AddMinutes(5))
                        throw new ValidationFailedException("timestamp", $"{sample.Time:yyyy-MM-dd HH:mm:ss} is in the future.");
                    if (sample.Time < now - OldestAccepted)
                        throw new ValidationFailedException("timestamp", $"{sample.Time:yyyy-MM-dd HH:mm:ss} is older than 30 days, which raw telemetry keeps.");
                    samples.Add(sample);
                }
            }
            catch (JsonException)
            {
                problems.Add($"Line {i + 1}: not valid JSON.");
            }
            catch (ValidationFailedException e)
            {
                problems.Add($"Line {i + 1}: {e.Message.TrimEnd('.')}.");
            }
        }
        if (counted == 0 && problems.Count == 0)
            problems.Add("The file has no lines.");
        return problems.Count > 0 ? ([], counted, problems) : (samples, counted, problems);
    }

    private static string Quoted(string name) => "'" + (name.Length > 40 ? name[..40] + "…" : name) + "'";
}
