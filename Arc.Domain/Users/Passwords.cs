using Arc.Domain.Common;

namespace Arc.Domain.Users;

/// <summary>Hashes and checks passwords (the infrastructure uses ASP.NET Core Identity's hasher).</summary>
public interface IPasswordHashing
{
    string Hash(string password);

    /// <summary>True when the password matches; <paramref name="rehash"/> is set when the hash should be upgraded.</summary>
    bool Verify(string hash, string password, out bool rehash);
}

/// <summary>The password rule of the user pool: 8 to 128 characters with upper and lower case, a digit and a symbol.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    public static string? Check(string? password)
    {
        if (string.IsNullOrEmpty(password))
            return "A password is required.";
        if (password.Length < MinLength)
            return $"A password has at least {MinLength} characters.";
        if (password.Length > MaxLength)
            return $"A password has at most {MaxLength} characters.";
        if (!password.Any(char.IsUpper) || !password.Any(char.IsLower) || !password.Any(char.IsDigit)
            || password.All(char.IsLetterOrDigit))
            return "A password needs an upper-case letter, a lower-case letter, a digit and a symbol.";
        return null;
    }

    public static void Require(string? password, string field = "newPassword")
    {
        if (Check(password) is { } problem)
            throw new ValidationFailedException(field, problem);
    }
}
