using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>Hashes and checks passwords (the infrastructure uses ASP.NET Core Identity's hasher).</summary>
public interface IPasswordHashing
{
    string Hash(string password);

    /// <summary>True when the password matches; <paramref name="rehash"/> is set when the hash should be upgraded.</summary>
    bool Verify(string hash, string password, out bool rehash);
}

public static class PasswordHashingExtensions
{
    private static string? _dummyHash;

    /// <summary>
    /// Spends the time a real check takes, against a hash of a random password made once by the same hasher, so an
    /// answer's delay does not tell whether an account exists.
    /// </summary>
    public static void SpendAVerification(this IPasswordHashing hashing, string? attempt) =>
        hashing.Verify(_dummyHash ??= hashing.Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))),
            string.IsNullOrEmpty(attempt) || attempt.Length > PasswordPolicy.MaxLength ? "-" : attempt, out _);
}

/// <summary>The configurable part of the password rule (<c>Portal:Passwords</c>).</summary>
public sealed class PasswordOptions
{
    public const string Section = "Portal:Passwords";

    [Range(PasswordPolicy.LowestMinLength, PasswordPolicy.MaxLength, ErrorMessage = "Portal:Passwords:MinLength must be between 8 and 128.")]
    public int MinLength { get; set; } = PasswordPolicy.DefaultMinLength;
}

/// <summary>
/// The password rule (OWASP ASVS 5.0, V6.2): length only, no rules about character classes, and none of the
/// commonly chosen passwords, nor one built from the user's own email name. Spaces and any Unicode are allowed.
/// </summary>
public sealed class PasswordPolicy
{
    public const int DefaultMinLength = 12;
    public const int LowestMinLength = 8;
    public const int MaxLength = 128;

    /// <summary>Email names shorter than this are left out of the "contains" check: they would match too much by chance.</summary>
    private const int ShortestTellingEmailName = 4;

    public PasswordPolicy(int minLength = DefaultMinLength)
    {
        if (minLength is < LowestMinLength or > MaxLength)
            throw new ArgumentOutOfRangeException(nameof(minLength), minLength, $"The minimum password length must be between {LowestMinLength} and {MaxLength}.");
        MinLength = minLength;
    }

    public int MinLength { get; }

    /// <summary>The rule as the forms show it.</summary>
    public string Description =>
        $"At least {MinLength} characters, any you like (spaces too: a few words make a good password). " +
        "Commonly used passwords and ones containing your email name are refused.";

    /// <summary>Why the password is refused, or null when it is acceptable.</summary>
    /// <param name="email">The account's email, when the caller knows it: its name part must not be in the password.</param>
    public string? Check(string? password, string? email = null)
    {
        if (string.IsNullOrEmpty(password))
            return "A password is required.";
        if (password.Length < MinLength)
            return $"A password has at least {MinLength} characters.";
        if (password.Length > MaxLength)
            return $"A password has at most {MaxLength} characters.";
        if (CommonPasswords.Contains(password))
            return "This password is one of the most commonly used ones, which are tried first by attackers. Choose another.";
        var name = (email ?? "").Split('@')[0].Trim();
        if (name.Length > 0 && (password.Equals(name, StringComparison.OrdinalIgnoreCase)
            || (name.Length >= ShortestTellingEmailName && password.Contains(name, StringComparison.OrdinalIgnoreCase))))
            return "A password must not contain the name part of your email address.";
        return null;
    }

    public void Require(string? password, string? email = null, string field = "newPassword")
    {
        if (Check(password, email) is { } problem)
            throw new ValidationFailedException(field, problem);
    }
}

/// <summary>The bundled list of commonly chosen passwords (scripts/make-common-passwords.py), compared without case.</summary>
public static class CommonPasswords
{
    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static bool Contains(string password) => List.Value.Contains(password);

    public static int Count => List.Value.Count;

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Arc.Domain.Users.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from Arc.Domain.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
                set.Add(line);
        }
        return set;
    }
}
