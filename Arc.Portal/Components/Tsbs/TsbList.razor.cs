using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Tsbs;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Tsbs;

/// <summary>
/// The technical service bulletins, newest issue first; search, model, model year, "show deleted", page and page size
/// live in the address (<c>/tsbs?q=battery&amp;model=1&amp;year=2019&amp;deleted=true</c>).
/// </summary>
public sealed partial class TsbList : IDisposable
{
    /// <summary>The columns of the CSV export; the shared writer neutralises cells a spreadsheet would read as formulas.</summary>
    public static readonly IReadOnlyList<CsvColumn<TsbView>> ExportColumns =
    [
        new("Id", v => v.Tsb.Id.ToString(CultureInfo.InvariantCulture)), new("Number", v => v.Tsb.Number), new("Title", v => v.Tsb.Title),
        new("Summary", v => v.Tsb.Summary), new("Component", v => v.Tsb.Component), new("Models", v => string.Join("; ", v.ModelNames)),
        new("Model years", v => TsbModelYears.Format(v.Tsb.ModelYears)), new("Kind", v => TsbText.Label(v.Tsb.CommunicationType)),
        new("Issued", v => TsbModel.Text(v.Tsb.IssueDate)), new("Sent to dealers", v => TsbModel.Text(v.Tsb.DealerDate)),
        new("NHTSA reference", v => v.Tsb.NhtsaReference), new("Linked recall", v => v.RecallNumber),
        new("Status", v => v.Tsb.Status == TsbStatus.Deleted ? "deleted" : "active"),
        new("Created (UTC)", v => v.Tsb.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
    ];

    private ListState _list = default!;
    private string? _loadError;
    private string? _search;
    private int? _modelId;
    private int? _modelYear;
    private bool _deleted;
    private int? _total;
    private IReadOnlyList<TsbModelChoice> _models = [];

    [Inject] private ListTsbs List { get; set; } = default!;
    [Inject] private GetTsbChoices Choices { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    private string? Subtitle => _total switch { null => null, 1 => "1 bulletin", var n => $"{n:N0} bulletins" };

    private bool Filtered => !string.IsNullOrWhiteSpace(_search) || _modelId is not null || _modelYear is not null;

    protected override async Task OnInitializedAsync()
    {
        _list = new ListState(Navigation, defaultSize: 20);
        _list.Changed += () => InvokeAsync(() =>
        {
            ReadFilters();
            StateHasChanged();
        });
        ReadFilters();
        try
        {
            _models = (await Choices.HandleAsync()).Models;
        }
        catch (DomainException e)
        {
            _loadError = Errors.Describe(e);
        }
    }

    private void ReadFilters() =>
        (_search, _modelId, _modelYear, _deleted) = (_list.Text("q"), _list.Number("model"), _list.Number("year"), _list.Text("deleted") == "true");

    private string ModelName(int? id) => id is null ? "" : _models.FirstOrDefault(m => m.Id == id)?.Name ?? $"Model {id}";

    // The use case answers every matching bulletin (they number in the hundreds); the page shows one slice of them.
    private async Task<Page<TsbView>> ReadPageAsync(int page, int size, CancellationToken ct)
    {
        var all = await List.HandleAsync(new TsbQuery(_search, _modelId, _modelYear, _deleted), ct);
        return TablePages.Slice(all, page, size);
    }

    private async Task<TableData<TsbView>> LoadAsync(TableState state, CancellationToken ct)
    {
        _list.Record(state);
        var loaded = await TablePages.LoadAsync(state, ReadPageAsync, Errors, ct);
        (_total, _loadError) = (loaded.Total, loaded.Error);
        await InvokeAsync(StateHasChanged);
        return loaded.Data;
    }

    private void SearchChanged(string? search) => _list.SetFilter("q", search);

    private void ModelChanged(int? value)
    {
        _modelId = value;
        _list.SetFilter("model", value);
    }

    private void YearChanged(int? value)
    {
        _modelYear = value;
        _list.SetFilter("year", value);
    }

    private void DeletedChanged(bool value)
    {
        _deleted = value;
        _list.SetFilter("deleted", value ? "true" : null);
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<TsbDialog>("New bulletin", new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: int id })
            Navigation.NavigateTo($"tsbs/{id}");
    }

    public void Dispose() => _list?.Dispose();
}
