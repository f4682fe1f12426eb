using System.ComponentModel.DataAnnotations;

namespace Arc.Domain.Users;

/// <summary>
/// Throttles of "Forgot password", <c>Portal:PasswordReset</c>: code requests per email address and per client address,
/// and code entries per client address, within one window. Counted in memory on each node.
/// </summary>
public sealed class PasswordResetOptions
{
    public const string Section = "Portal:PasswordReset";

    [Range(1, 1000, ErrorMessage = "Portal:PasswordReset:RequestsPerAddress must be between 1 and 1000.")]
    public int RequestsPerAddress { get; set; } = 3;

    [Range(1, 100_000, ErrorMessage = "Portal:PasswordReset:RequestsPerClient must be between 1 and 100000.")]
    public int RequestsPerClient { get; set; } = 10;

    [Range(1, 100_000, ErrorMessage = "Portal:PasswordReset:CodeEntriesPerClient must be between 1 and 100000.")]
    public int CodeEntriesPerClient { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Portal:PasswordReset:Window must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The key a client is counted under; an unknown address (no connection info) shares one count.</summary>
    public static string ClientKey(string? client) => string.IsNullOrWhiteSpace(client) ? "unknown" : client.Trim();

    public string Throttled(string what) =>
        $"Too many {what} from your network or for this address. Wait {(int)Math.Ceiling(Window.TotalMinutes)} minutes and try again.";
}
