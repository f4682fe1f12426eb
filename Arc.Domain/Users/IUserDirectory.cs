using System.Security.Cryptography;

namespace Arc.Domain.Users;

/// <summary>The account states of the user pool, named as Cognito names them.</summary>
public static class DirectoryStatus
{
    /// <summary>Invited: signs in with the temporary password and must then choose one.</summary>
    public const string ForceChangePassword = "FORCE_CHANGE_PASSWORD";
    public const string Confirmed = "CONFIRMED";
    /// <summary>An administrator reset the password: the user must use "forgot password" to choose a new one.</summary>
    public const string ResetRequired = "RESET_REQUIRED";
}

public static class MfaPreference
{
    public const string Off = "off";
    public const string Optional = "optional";
    public const string Required = "required";
    public static readonly IReadOnlyList<string> All = [Off, Optional, Required];
}

public sealed record DirectoryUser(string Username, string Email, string? Name, string? Phone, bool Enabled, string Status, string Mfa);

public sealed record DirectoryPage(IReadOnlyList<DirectoryUser> Users, string? NextToken);

public sealed record NewDirectoryUser(string Email, string Name, string? Phone, string TemporaryPassword);

/// <summary>
/// The user pool (spec/backend.md §1.19, §7.13): accounts, their credentials, status and MFA. The local adapter keeps
/// them in the portal's database (and backs the sign-in page); the Cognito adapter calls the Cognito user pool API.
/// Profiles, groups and preferences stay in the portal's database either way.
/// </summary>
public interface IUserDirectory
{
    /// <summary><c>local</c> or <c>cognito</c>.</summary>
    string Name { get; }

    /// <summary>Creates an invited account (status FORCE_CHANGE_PASSWORD) and returns it with its subject as username.</summary>
    /// <exception cref="Common.ConflictException">An account with this email exists.</exception>
    Task<DirectoryUser> CreateAsync(NewDirectoryUser user, CancellationToken ct = default);

    Task<DirectoryUser?> GetAsync(string username, CancellationToken ct = default);

    Task<DirectoryPage> ListAsync(string? emailPrefix, int limit, string? nextToken, CancellationToken ct = default);

    /// <summary>Gives an invited account a new temporary password (resending the invitation).</summary>
    Task SetTemporaryPasswordAsync(string username, string temporaryPassword, CancellationToken ct = default);

    Task SetEnabledAsync(string username, bool enabled, CancellationToken ct = default);

    Task DeleteAsync(string username, CancellationToken ct = default);

    /// <summary>Makes the current password unusable; the user must choose a new one through "forgot password".</summary>
    Task ResetPasswordAsync(string username, CancellationToken ct = default);

    Task SetMfaAsync(string username, string preference, CancellationToken ct = default);

    /// <param name="verifiedEmail">
    /// A new email the portal has confirmed with a code sent to it (marked verified in the pool), or null to leave the
    /// email as it is. An address nobody confirmed never reaches the pool.
    /// </param>
    Task UpdateAttributesAsync(string username, string? verifiedEmail, string name, string? phone, CancellationToken ct = default);

    /// <summary>Ends every session and token of the user.</summary>
    Task SignOutEverywhereAsync(string username, CancellationToken ct = default);
}

public static class TemporaryPasswords
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(7);
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "!#%+-=?@";

    /// <summary>
    /// 16 characters from an unambiguous alphabet. The portal asks for no character classes, but every class is there so
    /// that a Cognito user pool still configured to require them accepts the password too.
    /// </summary>
    public static string Generate()
    {
        var all = Upper + Lower + Digits + Symbols;
        var chars = new char[16];
        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        chars[3] = Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
