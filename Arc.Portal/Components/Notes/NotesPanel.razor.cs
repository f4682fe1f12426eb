using Arc.Domain.Common;
using Arc.Domain.Notes;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Notes;

/// <summary>
/// The notes of one vehicle, authority, user, fleet or recall: add one with tags, filter by tag, author, origin, period
/// and text, page through them, delete one's own (or any, with the permission) after a confirmation. Every rule is the
/// server's: the panel shows what the use cases allow and the reasons they refuse.
/// </summary>
public sealed partial class NotesPanel
{
    public const int PageSize = 20;

    // One panel per page: its fields keep fixed ids (note-content, note-tags, note-search) that labels and tests name.

    private NotePage? _page;
    private int _pageIndex;
    private string? _content;
    private string? _tags;
    private string? _tag;
    private string? _author;
    private string _origin = "all";
    private DateRange? _range;
    private string? _search;
    private string? _denied;
    private string? _filterError;
    private FormState _form = default!;

    /// <summary>What the notes are about: a <see cref="NoteObjectTypes"/> value.</summary>
    [Parameter, EditorRequired] public string Kind { get; set; } = "";

    /// <summary>The thing's id: a VIN, a username, or an authority's, fleet's or recall's number.</summary>
    [Parameter, EditorRequired] public string SubjectId { get; set; } = "";

    /// <summary>Shows the "Notes" heading; a page's Notes tab has its own.</summary>
    [Parameter] public bool Heading { get; set; } = true;

    [Parameter] public string? Class { get; set; }

    [Inject] private ListNotes List { get; set; } = default!;
    [Inject] private AddNote Add { get; set; } = default!;
    [Inject] private DeleteNote Remove { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    private bool Filtered => _tag is not null || _author is not null || _origin != "all" || _range is not null || !string.IsNullOrWhiteSpace(_search);

    private int PageCount => _page is null ? 0 : (_page.Notes.TotalCount + PageSize - 1) / PageSize;

    private string CountText => _page is not { } p ? "" : p.Notes.TotalCount == 1 ? "1 note" : $"{p.Notes.TotalCount:N0} notes";

    protected override void OnInitialized() => _form = new(Errors, "content", "tags");

    protected override Task OnParametersSetAsync()
    {
        _pageIndex = 0;
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        _filterError = null;
        var query = new NoteQuery(Kind, SubjectId, _tag, _author, _origin switch { "people" => false, "system" => true, _ => null },
            _range?.Start is { } start ? DateOnly.FromDateTime(start) : null, _range?.End is { } end ? DateOnly.FromDateTime(end) : null,
            _search, _pageIndex, PageSize);
        try
        {
            _page = await List.HandleAsync(query);
            _denied = null;
        }
        catch (PermissionDeniedException e)
        {
            _denied = Errors.Describe(e);
        }
        catch (NotFoundException e)
        {
            _denied = Errors.Describe(e);
        }
        catch (ValidationFailedException e)
        {
            _filterError = Errors.Describe(e);
        }
    }

    private async Task ReloadFirstPageAsync()
    {
        _pageIndex = 0;
        await LoadAsync();
    }

    private Task TagChanged(string? tag) => Set(() => _tag = tag);
    private Task AuthorChanged(string? author) => Set(() => _author = author);
    private Task OriginChanged(string? origin) => Set(() => _origin = origin ?? "all");
    private Task RangeChanged(DateRange? range) => Set(() => _range = range?.Start is null && range?.End is null ? null : range);
    private Task SearchChanged(string? search) => Set(() => _search = search);

    private Task Set(Action change)
    {
        change();
        return ReloadFirstPageAsync();
    }

    private async Task PageChangedAsync(int page)
    {
        _pageIndex = page - 1;
        await LoadAsync();
    }

    private async Task AddAsync()
    {
        if (await _form.RunAsync(() => Add.HandleAsync(new AddNoteCommand(Kind, SubjectId, _content, NoteRules.SplitTags(_tags))), "Adding the note"))
        {
            _content = _tags = null;
            Snackbar.Add("Note added.", Severity.Success);
            await ReloadFirstPageAsync();
        }
    }

    private async Task DeleteAsync(NoteView note)
    {
        var preview = note.Content.Length > 120 ? note.Content[..120] + "…" : note.Content;
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete this note?",
            $"The note by {note.AuthorName ?? note.Author} of {note.Created:yyyy-MM-dd HH:mm} UTC goes for good (the audit log keeps that it was deleted): “{preview}”",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        if (await _form.RunAsync(() => Remove.HandleAsync(note.NoteId), "Deleting the note"))
            Snackbar.Add("Note deleted.", Severity.Success);
        await LoadAsync();
        // The last note of the last page went: show the page before it.
        if (_page is { Notes.Items.Count: 0 } && _pageIndex > 0)
        {
            _pageIndex--;
            await LoadAsync();
        }
    }
}
