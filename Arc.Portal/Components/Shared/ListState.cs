using System.Globalization;
using Arc.Domain.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace Arc.Portal.Components.Shared;

/// <summary>
/// A list page's filters, sort, page and page size, kept in its address so that a reload, Back and a shared link show
/// the same list: <c>/vehicles?model=2&amp;sort=created&amp;dir=desc&amp;page=3&amp;size=50</c>. Only a change the user makes
/// writes a new history entry; an address that changes under the page (Back, Forward, a link) is read back and
/// announced through <see cref="Changed"/>. <see cref="Version"/> changes with every read and with every filter change,
/// so a table keyed on it starts over at the state's page, size and sort:
/// <code>
/// &lt;MudTable @key="_list.Version" @bind-CurrentPage="_list.Page" @bind-RowsPerPage="_list.Size" AllowUnsorted="false" ...&gt;
///     &lt;MudTableSortLabel SortLabel="vin" InitialDirection="@_list.DirectionOf("vin")"&gt;
/// private Task&lt;TableData&lt;T&gt;&gt; LoadAsync(TableState state, CancellationToken ct) { _list.Record(state); ... }
/// </code>
/// Default values stay out of the address; the page number in it counts from 1.
/// </summary>
public sealed class ListState : IDisposable
{
    private readonly NavigationManager _navigation;
    private readonly string _path;
    private readonly int _defaultSize;
    private readonly string? _defaultSort;
    private SortedDictionary<string, string> _filters = new(StringComparer.Ordinal);

    public ListState(NavigationManager navigation, int defaultSize, string? defaultSort = null)
    {
        _navigation = navigation;
        _defaultSize = defaultSize;
        _defaultSort = defaultSort;
        _path = PathOf(navigation.Uri);
        Read(navigation.Uri);
        navigation.LocationChanged += OnLocationChanged;
    }

    /// <summary>Raised after the address changed the state (Back, Forward, a link to this page).</summary>
    public event Func<Task>? Changed;

    public int Page { get; set; }

    public int Size { get; set; }

    public string? Sort { get; private set; }

    public bool Descending { get; private set; }

    public int Version { get; private set; }

    public string? Text(string name) => _filters.GetValueOrDefault(name);

    public int? Number(string name) =>
        int.TryParse(Text(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    public DateTime? Date(string name) =>
        DateTime.TryParseExact(Text(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    public SortDirection DirectionOf(string label) =>
        (Sort ?? _defaultSort) != label ? SortDirection.None : Descending ? SortDirection.Descending : SortDirection.Ascending;

    /// <summary>The user changed a filter: the list starts again at its first page, and the address records it.</summary>
    public void SetFilter(string name, object? value) => SetFilters((name, value));

    /// <summary>
    /// Several filters changed at once (one history entry). Values a filter already has change nothing: a field that
    /// reports its unchanged value again (MudBlazor's debounced field can, when it is left) must not start the table
    /// over, which would also take the keyboard focus from its headers.
    /// </summary>
    public void SetFilters(params (string Name, object? Value)[] filters)
    {
        var before = new SortedDictionary<string, string>(_filters, StringComparer.Ordinal);
        foreach (var (name, value) in filters)
        {
            var text = value switch
            {
                null => null,
                DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (string.IsNullOrWhiteSpace(text))
                _filters.Remove(name);
            else
                _filters[name] = text.Trim();
        }
        if (before.Count == _filters.Count && before.All(f => _filters.TryGetValue(f.Key, out var now) && now == f.Value))
            return;
        Page = 0;
        Version++;
        Write();
    }

    /// <summary>The table loaded a page: the address follows its page, page size and sort.</summary>
    public void Record(TableState table)
    {
        Page = table.Page;
        Size = table.PageSize;
        if (table.SortDirection != SortDirection.None && table.SortLabel is not null)
        {
            Sort = table.SortLabel;
            Descending = table.SortDirection == SortDirection.Descending;
        }
        Write();
    }

    /// <summary>The address of the current state, defaults left out.</summary>
    public string Address() => Format(new(_filters, Sort, Descending, Page, Size));

    public void Dispose() => _navigation.LocationChanged -= OnLocationChanged;

    private void Write()
    {
        var address = Address();
        if (address != Format(Parse(_navigation.Uri)))
            _navigation.NavigateTo(address, replace: false);
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        // Leaving for another page, or the echo of this state's own navigation, changes nothing here.
        if (PathOf(e.Location) != _path)
            return;
        var state = Parse(e.Location);
        if (Format(state) == Address())
            return;
        Apply(state);
        Version++;
        Changed?.Invoke();
    }

    private void Read(string uri) => Apply(Parse(uri));

    private void Apply(Snapshot state)
    {
        _filters = state.Filters;
        Sort = state.Sort;
        Descending = state.Descending;
        Page = state.Page;
        Size = state.Size;
    }

    private Snapshot Parse(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        string? One(string name) => query.TryGetValue(name, out var values) ? values.ToString() : null;
        static int? Positive(string? text) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

        var filters = new SortedDictionary<string, string>(
            query.Where(p => p.Key is not ("sort" or "dir" or "page" or "size") && !string.IsNullOrWhiteSpace(p.Value))
                .ToDictionary(p => p.Key, p => p.Value.ToString().Trim()), StringComparer.Ordinal);
        var size = Positive(One("size")) is { } s && s <= Paging.MaxPageSize ? s : _defaultSize;
        return new(filters, One("sort") ?? _defaultSort, One("dir") == "desc", (Positive(One("page")) ?? 1) - 1, size);
    }

    private string Format(Snapshot state)
    {
        var query = new List<KeyValuePair<string, string>>(state.Filters);
        if (state.Sort is not null && (state.Sort != _defaultSort || state.Descending))
        {
            query.Add(new("sort", state.Sort));
            if (state.Descending)
                query.Add(new("dir", "desc"));
        }
        if (state.Page > 0)
            query.Add(new("page", (state.Page + 1).ToString(CultureInfo.InvariantCulture)));
        if (state.Size != _defaultSize)
            query.Add(new("size", state.Size.ToString(CultureInfo.InvariantCulture)));
        return query.Count == 0 ? _path : _path + "?" + string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
    }

    private static string PathOf(string uri) => new Uri(uri).AbsolutePath;

    private sealed record Snapshot(SortedDictionary<string, string> Filters, string? Sort, bool Descending, int Page, int Size);
}
