using System.Text.RegularExpressions;
using Arc.Domain.Common;

namespace Arc.Domain.Files;

/// <summary>
/// Where generated files are kept (insurer exports, later reports and attachments): a directory of the portal's data
/// by default, an S3 bucket in production. A store that cannot be reached answers with a
/// <see cref="ServiceUnavailableException"/>; a key that is not there, with a <see cref="NotFoundException"/>.
/// </summary>
public interface IFileStore
{
    /// <summary>What the store is, for pages and logs: <c>local</c> or <c>s3</c>.</summary>
    string Kind { get; }

    /// <summary>Writes the file under the key, replacing what was there (so writing twice leaves one file).</summary>
    Task PutAsync(string key, byte[] content, string contentType, CancellationToken ct = default);

    Task<byte[]> GetAsync(string key, CancellationToken ct = default);

    Task<bool> ExistsAsync(string key, CancellationToken ct = default);
}

/// <summary>The keys a file store accepts: segments of letters, digits, '.', '_' and '-' between slashes, never '..'.</summary>
public static partial class FileKeys
{
    public const int MaxLength = 512;

    public static string Check(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength || !Pattern().IsMatch(key) || key.Split('/').Any(s => s is "." or ".."))
            throw new ValidationFailedException("key", $"'{key}' is not a file key: segments of letters, digits, '.', '_' and '-' between slashes.");
        return key;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")]
    private static partial Regex Pattern();
}
