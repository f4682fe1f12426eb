using Arc.Domain.Common;
using Microsoft.AspNetCore.Components.Forms;

namespace Arc.Portal.Components.Shared;

/// <summary>Reads a file a user chose in the browser, inside a <see cref="FormState"/> run.</summary>
public static class UploadedFile
{
    /// <summary>
    /// The file's bytes. A file the browser could not send (moved meanwhile, or the circuit dropped) is reported as a
    /// refusal of the file, so the form shows it like any other refusal.
    /// </summary>
    public static async Task<byte[]> ReadAsync(IBrowserFile file, long maxBytes, string unreadable = "The file could not be read.")
    {
        try
        {
            using var buffer = new MemoryStream();
            await using (var stream = file.OpenReadStream(maxBytes))
                await stream.CopyToAsync(buffer);
            return buffer.ToArray();
        }
        catch (IOException e)
        {
            throw new ValidationFailedException("file", unreadable, e);
        }
    }
}
