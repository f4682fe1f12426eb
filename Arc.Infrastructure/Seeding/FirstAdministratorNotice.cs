using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Arc.Infrastructure.Seeding;

/// <summary>
/// Hands the first administrator's one-time password to whoever started the portal, never through the log. In
/// Development it is printed on the console; elsewhere consoles are often collected into log storage, so it goes into
/// a file only the portal's own account can read, and the console says where that file is.
/// </summary>
public sealed class FirstAdministratorNotice(IHostEnvironment environment, IOptions<FirstAdministratorOptions> options, TextWriter console)
{
    public const string DefaultFileName = "first-admin-password.txt";

    /// <summary>Where the password goes outside Development: Portal:Admin:PasswordFile, else .data/ under the content root.</summary>
    public string FilePath => Path.GetFullPath(options.Value.PasswordFile is { Length: > 0 } configured
        ? configured
        : Path.Combine(environment.ContentRootPath, ".data", DefaultFileName));

    public void Publish(string email, string password)
    {
        if (environment.IsDevelopment())
        {
            Banner($"  Email:              {email}", $"  One-time password:  {password}",
                "  You will be asked to choose a new password after signing in.");
            return;
        }
        var path = FilePath;
        WriteOwnerOnly(path, $"Arc Portal: first sign-in\nEmail: {email}\nOne-time password: {password}\n" +
            "You will be asked to choose a new password after signing in. Delete this file afterwards.\n");
        Banner($"  Email:              {email}", $"  The one-time password is in {path}",
            "  (readable by this account only). Delete the file after signing in.");
    }

    /// <summary>Creates the file afresh with mode 0600, so an older file's looser mode is never inherited.</summary>
    private static void WriteOwnerOnly(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = OperatingSystem.IsWindows() ? null : UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    private void Banner(params string[] lines)
    {
        console.WriteLine();
        console.WriteLine("==================== Arc Portal: first sign-in ====================");
        foreach (var line in lines)
            console.WriteLine(line);
        console.WriteLine("===================================================================");
        console.WriteLine();
    }
}
