using Arc.Infrastructure.Seeding;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Tests.Domain;

public sealed class FirstAdministratorNoticeTests : IDisposable
{
    private const string Password = "one-time-7KqP2xWmZr";
    private readonly string _root = Directory.CreateTempSubdirectory("arc-notice-").FullName;
    private readonly StringWriter _console = new();

    private FirstAdministratorNotice Notice(string environment, string? file = null) =>
        new(new Environment(environment, _root), Options.Create(new FirstAdministratorOptions { PasswordFile = file }), _console);

    [Fact]
    public void Outside_development_the_password_goes_to_a_file_only_its_owner_can_read()
    {
        var notice = Notice("Production");
        notice.Publish("admin@arc.test", Password);

        var file = Path.Combine(_root, ".data", FirstAdministratorNotice.DefaultFileName);
        Assert.Equal(file, notice.FilePath);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var text = File.ReadAllText(file);
        Assert.Contains($"One-time password: {Password}", text, StringComparison.Ordinal);
        Assert.Contains("admin@arc.test", text, StringComparison.Ordinal);

        var console = _console.ToString();
        Assert.DoesNotContain(Password, console, StringComparison.Ordinal);
        Assert.Contains(file, console, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_file_replaces_an_older_one_and_loses_its_looser_mode()
    {
        var file = Path.Combine(_root, "secrets", "admin.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "old");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Notice("Staging", file).Publish("admin@arc.test", Password);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.DoesNotContain("old", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, _console.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void In_development_the_password_is_printed_and_no_file_is_written()
    {
        var notice = Notice("Development");
        notice.Publish("admin@arc.local", Password);
        Assert.Contains($"One-time password:  {Password}", _console.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(notice.FilePath));
    }

    public void Dispose()
    {
        _console.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private sealed class Environment(string name, string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Arc.Portal";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
