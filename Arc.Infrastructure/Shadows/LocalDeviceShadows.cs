using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Shadows;
using Arc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Arc.Infrastructure.Shadows;

/// <summary>A shadow row: the document as AWS IoT returns it, and its version for optimistic concurrency.</summary>
public class StoredShadow
{
    public required string ThingName { get; set; }
    public required string Document { get; set; }
    public long Version { get; set; }
    public DateTimeOffset Updated { get; set; }
    /// <summary>Whether the vehicle still has to act on the desired state (kept for cheap "pending" queries).</summary>
    public bool HasDelta { get; set; }
}

/// <summary>Device shadows kept in PostgreSQL with AWS IoT's semantics (see <see cref="ShadowMath"/>).</summary>
public sealed class LocalDeviceShadows(IDbContextFactory<ArcDbContext> contexts, TimeProvider time) : IDeviceShadows
{
    public async Task<ShadowDocument?> GetAsync(string thingName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Set<StoredShadow>().AsNoTracking().FirstOrDefaultAsync(s => s.ThingName == thingName, ct);
        return row is null ? null : Read(row);
    }

    public async Task<ShadowDocument> UpdateAsync(string thingName, ShadowUpdate update, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var row = await db.Set<StoredShadow>().FirstOrDefaultAsync(s => s.ThingName == thingName, ct);
            var document = ShadowMath.Apply(row is null ? null : Read(row), update, time.GetUtcNow());
            if (row is null)
            {
                row = new StoredShadow { ThingName = thingName, Document = "", Version = 0 };
                db.Add(row);
            }
            var expectedVersion = row.Version;
            row.Document = Write(document);
            row.Version = document.Version;
            row.Updated = document.Timestamp;
            row.HasDelta = document.Delta is not null;
            db.Entry(row).Property(r => r.Version).OriginalValue = expectedVersion;
            try
            {
                await db.SaveChangesAsync(ct);
                return document;
            }
            catch (Exception e) when ((e is DbUpdateConcurrencyException || e is DbUpdateException) && attempt < 3 && update.ExpectedVersion is null)
            {
                // Someone else updated the same shadow in between; merge onto theirs, as AWS does for unversioned updates.
            }
            catch (Exception e) when (e is DbUpdateConcurrencyException || e is DbUpdateException)
            {
                // A versioned update that lost the race, as AWS answers it: 409.
                throw new ConflictException($"The shadow of {thingName} was changed by someone else; reload to see the changes.", e);
            }
        }
    }

    public async Task<bool> DeleteAsync(string thingName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<StoredShadow>().Where(s => s.ThingName == thingName).ExecuteDeleteAsync(ct) > 0;
    }

    private static ShadowDocument Read(StoredShadow row)
    {
        var json = JsonNode.Parse(row.Document)!.AsObject();
        var state = json["state"]!.AsObject();
        return new ShadowDocument(
            (JsonObject?)state["desired"]?.DeepClone() ?? [],
            (JsonObject?)state["reported"]?.DeepClone() ?? [],
            (JsonObject?)state["delta"]?.DeepClone(),
            (JsonObject?)json["metadata"]?.DeepClone() ?? [],
            row.Version,
            DateTimeOffset.FromUnixTimeSeconds(json["timestamp"]!.GetValue<long>()));
    }

    /// <summary>The document in the shape of AWS IoT's GetThingShadow answer.</summary>
    public static string Write(ShadowDocument document)
    {
        var state = new JsonObject { ["desired"] = document.Desired.DeepClone(), ["reported"] = document.Reported.DeepClone() };
        if (document.Delta is not null)
            state["delta"] = document.Delta.DeepClone();
        return new JsonObject
        {
            ["state"] = state,
            ["metadata"] = document.Metadata.DeepClone(),
            ["version"] = document.Version,
            ["timestamp"] = document.Timestamp.ToUnixTimeSeconds(),
        }.ToJsonString();
    }
}
