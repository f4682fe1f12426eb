using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Arc.Portal.Tests.Support;

/// <summary>An email as its recipient got it.</summary>
public sealed record DeliveredMail(string Subject, string Text, string Html);

/// <summary>
/// A test portal's local mailbox: its pickup directory, where each delivered email is written as its recipient gets it.
/// The outbox itself never holds a secret, so this is where tests read temporary passwords and codes, as a person would.
/// </summary>
public sealed class Mailbox(PortalServer portal, string directory)
{
    public string Directory { get; } = directory;

    /// <summary>Every email of the template queued for the address, oldest first, as delivered (waits for their delivery).</summary>
    public async Task<IReadOnlyList<DeliveredMail>> AllAsync(string to, string template)
    {
        List<long> ids;
        await using (var db = portal.CreateDb())
            ids = await db.OutboxEmailSet.Where(e => e.To == to && e.Template == template).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        var messages = new List<DeliveredMail>();
        foreach (var id in ids)
        {
            var path = Path.Combine(Directory, $"{id}.eml");
            await Eventually.ReturnsAsync(() => Task.FromResult(File.Exists(path)), found => found, TimeSpan.FromSeconds(30), $"delivery of email {id} to {to}");
            messages.Add(await LoadAsync(path));
        }
        return messages;
    }

    /// <summary>The newest email of the template to the address, as delivered (waits for its delivery); null when none was queued.</summary>
    public async Task<DeliveredMail?> LatestAsync(string to, string template)
    {
        long? id;
        await using (var db = portal.CreateDb())
        {
            id = await db.OutboxEmailSet.Where(e => e.To == to && e.Template == template).OrderByDescending(e => e.Id).Select(e => (long?)e.Id)
                .FirstOrDefaultAsync();
        }
        if (id is null)
            return null;
        var path = Path.Combine(Directory, $"{id}.eml");
        await Eventually.ReturnsAsync(() => Task.FromResult(File.Exists(path)), found => found, TimeSpan.FromSeconds(30), $"delivery of email {id} to {to}");
        return await LoadAsync(path);
    }

    private static async Task<DeliveredMail> LoadAsync(string path)
    {
        var message = await MimeMessage.LoadAsync(path);
        return new DeliveredMail(message.Subject ?? "", message.TextBody ?? "", message.HtmlBody ?? "");
    }

    /// <summary>The text part of the newest email of the template to the address, once delivered.</summary>
    public async Task<string> LatestTextAsync(string to, string template) =>
        (await LatestAsync(to, template))?.Text ?? throw new InvalidOperationException($"No {template} email was queued for {to}.");
}
