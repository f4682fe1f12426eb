using System.Diagnostics;

namespace Arc.Portal.Tests.Support;

/// <summary>Runs implementations outside .NET (Python's json, Node's crypto) to check the portal's wire formats.</summary>
public static class ExternalTools
{
    public static string ScriptPath(string name) => Path.Combine(AppContext.BaseDirectory, "scripts", name);

    public static async Task<string> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} failed: {error}");
        return output.TrimEnd('\n');
    }

    /// <summary>What Python's json.dumps writes for the JSON text, keys kept in order.</summary>
    public static Task<string> PythonDumpsAsync(string json) =>
        RunAsync("python3", "-c", "import json,sys,collections; sys.stdout.write(json.dumps(json.loads(sys.argv[1], object_pairs_hook=collections.OrderedDict)))", json);

    public static async Task<string> VerifyTokenAsync(string signedToken, string trustedKey)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, signedToken);
            return await RunAsync("node", ScriptPath("verify-token.js"), file, trustedKey);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
