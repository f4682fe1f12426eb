namespace Arc.Domain.Notes;

/// <summary>A free-form note on a vehicle, authority or user (spec/backend.md §7.7).</summary>
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
    public List<NoteTag> Tags { get; set; } = [];
}

public class NoteTag
{
    public int TagId { get; set; }
    public required string TagName { get; set; }
    public List<Note> Notes { get; set; } = [];
}

public static class NoteObjectTypes
{
    public const string Vehicle = "Vehicle";
    public const string Authority = "Authority";
    public const string User = "User";
}

/// <summary>The author recorded on notes the system writes itself.</summary>
public static class SystemAuthor
{
    public const string Name = "Arcimoto";
}
