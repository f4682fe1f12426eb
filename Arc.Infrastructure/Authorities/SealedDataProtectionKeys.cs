using System.Xml.Linq;
using Arc.Domain.Authorities;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Arc.Infrastructure.Authorities;

/// <summary>
/// The ASP.NET Core data-protection key ring: each key's XML holds sealed elements (see <see cref="SealedXml"/>), and a
/// key is written again only if its XML is still the one read.
/// </summary>
internal sealed class SealedDataProtectionKeys(IDbContextFactory<ArcDbContext> contexts, SealedValueResealing resealing)
{
    public async Task<ResealCount> KeysAsync(CancellationToken ct)
    {
        var tally = new ResealTally(SecretResealer.DataProtectionKeys);
        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var key in await db.DataProtectionKeys.AsNoTracking().ToListAsync(ct))
        {
            if (key.Xml is null)
                continue;
            var document = XElement.Parse(key.Xml);
            var changed = 0;
            foreach (var element in document.Descendants(SealedXml.ElementName).ToList())
            {
                SealedSecret old;
                try
                {
                    old = SealedXml.FromElement(element);
                }
                catch (Exception e) when (e is InvalidOperationException or FormatException)
                {
                    resealing.Unreadable(tally, $"key {key.FriendlyName}", e.Message);
                    continue;
                }
                if (await resealing.ResealAsync(tally, $"key {key.FriendlyName}", old, SealContext.DataProtection, ct) is not { } fresh)
                    continue;
                element.ReplaceWith(SealedXml.ToElement(fresh));
                changed++;
            }
            if (changed == 0)
                continue;
            var xml = document.ToString(SaveOptions.DisableFormatting);
            var written = await db.DataProtectionKeys.Where(k => k.Id == key.Id && k.Xml == key.Xml).ExecuteUpdateAsync(s => s.SetProperty(k => k.Xml, xml), ct);
            for (var i = 0; i < changed; i++)
                tally.Written(written, fromPlain: false);
        }
        return tally.ToCount();
    }
}
