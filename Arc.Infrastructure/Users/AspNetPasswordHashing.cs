using Arc.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace Arc.Infrastructure.Users;

/// <summary>Passwords hashed with ASP.NET Core Identity's PBKDF2 hasher (its current format and iteration count).</summary>
public sealed class AspNetPasswordHashing : IPasswordHashing
{
    private readonly PasswordHasher<User> _hasher = new();
    private static readonly User Nobody = new() { Username = "", Email = "" };

    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    public bool Verify(string hash, string password, out bool rehash)
    {
        PasswordVerificationResult result;
        try
        {
            result = _hasher.VerifyHashedPassword(Nobody, hash, password);
        }
        catch (FormatException)
        {
            result = PasswordVerificationResult.Failed;
        }
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result != PasswordVerificationResult.Failed;
    }
}
