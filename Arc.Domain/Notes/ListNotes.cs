using Arc.Domain.Common;

namespace Arc.Domain.Notes;

public sealed record NoteView(int NoteId, DateTimeOffset Created, string Author, string? AuthorName, string Content, IReadOnlyList<string> Tags,
    bool System = false, bool CanDelete = false);

/// <summary>
/// The filters of a thing's notes: one tag (as stored, after normalising), one author (a username), people's or the
/// system's notes only, a range of days (UTC, both ends included) and text the note contains (case ignored).
/// </summary>
public sealed record NoteQuery(string Kind, string SubjectId, string? Tag = null, string? Author = null, bool? System = null,
    DateOnly? From = null, DateOnly? To = null, string? Search = null, int PageIndex = 0, int PageSize = 20);

public sealed record NoteAuthor(string Username, string? Name);

/// <summary>One page of notes, with every tag and author of the thing's notes to filter by.</summary>
public sealed record NotePage(Page<NoteView> Notes, IReadOnlyList<string> Tags, IReadOnlyList<NoteAuthor> Authors);

/// <summary>The notes of a vehicle, authority, user, fleet or recall, newest first, for whoever may see the thing.</summary>
public sealed class ListNotes(IArcDataFactory dataFactory, ICurrentUser user, PortalEnvironment environment) : IUseCase
{
    private static readonly DateOnly Earliest = new(1900, 1, 1);
    private static readonly DateOnly Latest = new(2999, 12, 31);

    public async Task<NotePage> HandleAsync(NoteQuery query, CancellationToken ct = default)
    {
        var username = await user.RequireSignedInAsync(ct);
        var (pageIndex, pageSize) = Paging.Normalize(query.PageIndex, query.PageSize);
        var search = NoteRules.Search(query.Search);
        var tag = NoteRules.NormalizeTag(query.Tag);
        var author = query.Author?.Trim();
        if (author?.Length > 200)
            throw new ValidationFailedException("author", "No author has a name that long.");
        if (query.From is { } f && (f < Earliest || f > Latest) || query.To is { } t && (t < Earliest || t > Latest))
            throw new ValidationFailedException("from", $"Dates run from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}.");
        if (query.From > query.To)
            throw new ValidationFailedException("from", "The range starts after it ends.");

        await using var data = dataFactory.Open();
        var subject = await NoteSubjects.RequireReadAsync(data, user, username, environment, query.Kind, query.SubjectId, ct);
        var all = data.Notes.Where(n => n.ObjectType == subject.Kind && n.ObjectId == subject.Id);
        var notes = all;
        if (tag.Length > 0)
            notes = notes.Where(n => n.Tags.Any(x => x.TagName == tag));
        if (!string.IsNullOrEmpty(author))
            notes = notes.Where(n => n.Author == author);
        if (query.System is { } system)
            notes = notes.Where(n => n.System == system);
        if (query.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            notes = notes.Where(n => n.Created >= start);
        }
        if (query.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            notes = notes.Where(n => n.Created < end);
        }
        if (search is not null)
            notes = notes.Where(n => n.Content.ToLower().Contains(search));

        var total = await data.CountAsync(notes, ct);
        var rows = await data.ListAsync(
            notes.OrderByDescending(n => n.Created).ThenByDescending(n => n.NoteId).Skip(pageIndex * pageSize).Take(pageSize)
                .Select(n => new NoteView(n.NoteId, n.Created, n.Author,
                    data.Users.Where(u => u.Username == n.Author).Select(u => u.DisplayName ?? u.Email).FirstOrDefault(),
                    n.Content, n.Tags.OrderBy(x => x.TagName).Select(x => x.TagName).ToList(), n.System, false)),
            ct);
        var permissions = await user.GetPermissionsAsync(ct);
        var items = rows.Select(n => n with { CanDelete = NoteRules.CanDelete(n.System, n.Author, username, permissions) }).ToList();

        var tags = await data.ListAsync(all.SelectMany(n => n.Tags.Select(x => x.TagName)).Distinct().OrderBy(x => x), ct);
        var authors = await data.ListAsync(all.Select(n => n.Author).Distinct()
            .Select(a => new NoteAuthor(a, data.Users.Where(u => u.Username == a).Select(u => u.DisplayName ?? u.Email).FirstOrDefault())), ct);
        return new NotePage(new Page<NoteView>(items, total, pageIndex, pageSize), tags,
            authors.OrderBy(a => a.Name ?? a.Username, StringComparer.OrdinalIgnoreCase).ToList());
    }
}
