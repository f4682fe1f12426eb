namespace Arc.Domain.Notes;

/// <summary>
/// A free-form note on a vehicle, authority, user, fleet, recall or service bulletin (spec/backend.md §7.7). People write notes with tags;
/// the system writes notes of its own on fleet, recall, provisioning and registration changes, marked
/// <see cref="System"/> so they read apart from people's notes and stay: nobody deletes them.
/// </summary>
public class Note
{
    public const int MaxContentLength = 4000;
    public const int MaxTags = 10;

    public int NoteId { get; set; }
    public required string ObjectType { get; set; }
    public required string ObjectId { get; set; }
    public DateTimeOffset Created { get; set; }
    public required string Author { get; set; }
    public required string Content { get; set; }
    /// <summary>Written by the system as the record of a change (its author is the person who made the change, or "Arcimoto").</summary>
    public bool System { get; set; }
    public List<NoteTag> Tags { get; set; } = [];
}

public class NoteTag
{
    public int TagId { get; set; }
    public required string TagName { get; set; }
    public List<Note> Notes { get; set; } = [];
}

/// <summary>The kinds of thing a note is about, stored in <see cref="Note.ObjectType"/> as the old system spelled them.</summary>
public static class NoteObjectTypes
{
    public const string Vehicle = "Vehicle";
    public const string Authority = "Authority";
    public const string User = "User";
    public const string Fleet = "Fleet";
    public const string Recall = "Recall";
    public const string Tsb = "Tsb";

    public static readonly IReadOnlyList<string> All = [Vehicle, Authority, User, Fleet, Recall, Tsb];
}

/// <summary>The author recorded on notes the system writes itself.</summary>
public static class SystemAuthor
{
    public const string Name = "Arcimoto";
}
