using Arc.Domain.Common;
using Arc.Domain.Files;

namespace Arc.Infrastructure.Files;

/// <summary>
/// The embedded file store: one file per key under a directory of the portal's data. A file is written beside its
/// place and moved over it, so a reader sees the old file or the new one, never half of one.
/// </summary>
public sealed class LocalFileStore(string directory) : IFileStore
{
    private const string Unavailable = "The file store cannot be written or read right now.";

    public string Kind => "local";

    public string Directory { get; } = Path.GetFullPath(directory);

    public async Task PutAsync(string key, byte[] content, string contentType, CancellationToken ct = default)
    {
        var path = PathOf(key);
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var partial = path + "." + Guid.NewGuid().ToString("N")[..8] + ".partial";
            await File.WriteAllBytesAsync(partial, content, ct);
            File.Move(partial, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServiceUnavailableException(Unavailable, e);
        }
    }

    public async Task<byte[]> GetAsync(string key, CancellationToken ct = default)
    {
        var path = PathOf(key);
        try
        {
            return await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new NotFoundException("File", key);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServiceUnavailableException(Unavailable, e);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken ct = default) => Task.FromResult(File.Exists(PathOf(key)));

    /// <summary>The key's path; <see cref="FileKeys.Check"/> keeps every key inside the directory.</summary>
    private string PathOf(string key) => Path.Combine(Directory, FileKeys.Check(key).Replace('/', Path.DirectorySeparatorChar));
}
