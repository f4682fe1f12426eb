using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Notes;

namespace Arc.Domain.Fleets;

/// <summary>The rules every fleet use case shares: what a name may be, which fleet is the maker's, and the notes written.</summary>
public static class FleetRules
{
    /// <summary>The old tables allowed 100 characters, but names over 64 broke the fleet dashboards' titles.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The tag of the notes a membership change writes, as the old system tagged them.</summary>
    public const string NoteTag = "fleets";

    public static string Name(string? name)
    {
        var value = (name ?? "").Trim();
        if (value.Length == 0)
            throw new ValidationFailedException("name", "A fleet needs a name.");
        if (value.Length > MaxNameLength)
            throw new ValidationFailedException("name", $"A fleet name has at most {MaxNameLength} characters; this one has {value.Length}.");
        if (PlainText.HasHiddenCharacters(value))
            throw new ValidationFailedException("name", "A fleet name cannot hold control characters or invisible formatting (such as a right-to-left override).");
        return value;
    }

    /// <summary>
    /// Refuses a name another fleet has, whatever its case: two fleets a person cannot tell apart in a list are a mistake
    /// waiting to happen. A unique index on the lower-cased name backs this up for two saves at once.
    /// </summary>
    public static async Task EnsureUniqueAsync(IArcData data, string name, int? except, CancellationToken ct)
    {
        var lower = name.ToLowerInvariant();
        var clash = await data.FirstOrDefaultAsync(data.Fleets.Where(f => f.Id != except && f.Name.ToLower() == lower), ct);
        if (clash is not null)
            throw new ValidationFailedException("name", $"Fleet {Id(clash.Id)} is already named \"{clash.Name}\"; choose another name.");
    }

    public static async Task<Fleet> FindAsync(IArcData data, int fleetId, CancellationToken ct) =>
        await data.FirstOrDefaultAsync(data.Fleets.Where(f => f.Id == fleetId), ct) ?? throw new NotFoundException("Fleet", Id(fleetId));

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    public static string VehicleAdded(int fleetId) => $"Vehicle added to fleet id {Id(fleetId)}";
    public static string VehicleRemoved(int fleetId) => $"Vehicle removed from fleet id {Id(fleetId)}";
    public static string UserAdded(int fleetId) => $"User added to fleet id {Id(fleetId)}";
    public static string UserRemoved(int fleetId) => $"User removed from fleet id {Id(fleetId)}";

    /// <summary>
    /// The notes the old system wrote on the vehicle or user whose membership changed (tag "fleets", the caller as
    /// author), added to the caller's unit of work so they commit with the change.
    /// </summary>
    public static async Task AddNotesAsync(IArcData data, string objectType, IReadOnlyCollection<string> objectIds, string author, string content,
        DateTimeOffset at, CancellationToken ct)
    {
        if (objectIds.Count == 0)
            return;
        var tag = await data.FirstOrDefaultAsync(data.NoteTags.Where(t => t.TagName == NoteTag), ct) ?? new NoteTag { TagName = NoteTag };
        foreach (var id in objectIds)
            data.Add(new Note { ObjectType = objectType, ObjectId = id, Author = author, Content = content, Created = at, System = true, Tags = [tag] });
    }
}

/// <summary>Stable audit codes of fleet changes; a code, once used, keeps its meaning.</summary>
public static class FleetAuditActions
{
    public const string EntityType = "Fleet";
    public const string Created = "fleet.created";
    public const string Renamed = "fleet.renamed";
    public const string Deleted = "fleet.deleted";
    public const string VehicleAdded = "fleet.vehicle_added";
    public const string VehicleRemoved = "fleet.vehicle_removed";
    public const string VehiclesAdded = "fleet.vehicles_added";
    public const string VehiclesRemoved = "fleet.vehicles_removed";
    public const string UserAdded = "fleet.user_added";
    public const string UserRemoved = "fleet.user_removed";
}
