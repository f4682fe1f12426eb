using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Recalls;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Recalls;

/// <summary>
/// The recall campaigns, newest first; search, the safety filter, "show deleted", page and page size live in the
/// address (<c>/recalls?q=brake&amp;safety=true&amp;deleted=true</c>).
/// </summary>
public sealed partial class RecallList : IDisposable
{
    private static readonly IReadOnlyList<CsvColumn<RecallView>> ExportColumns =
    [
        new("Id", v => v.Recall.Id.ToString(CultureInfo.InvariantCulture)), new("NHTSA number", v => v.Recall.NhtsaNumber),
        new("Manufacturer's number", v => v.Recall.ManufacturerNumber), new("Title", v => v.Recall.Title), new("Country", v => v.Recall.Country),
        new("Component", v => v.Recall.Component), new("Safety recall", v => v.Recall.SafetyRecall ? "yes" : "no"),
        new("Safety description", v => v.Recall.SafetyDescription), new("Summary", v => v.Recall.Description),
        new("Defect determined", v => RecallModel.Text(v.Recall.DeterminationDate)), new("573 report submitted", v => RecallModel.Text(v.Recall.ReportSubmittedDate)),
        new("Owners notified", v => RecallModel.Text(v.Recall.OwnerNotificationDate)), new("Do not drive", v => v.Recall.DoNotDrive ? "yes" : "no"),
        new("Park outside", v => v.Recall.ParkOutside ? "yes" : "no"), new("Remedy type", v => v.Remedy is { } m ? RemedyTypes.Label(m.Type) : null),
        new("Remedy", v => v.Remedy?.Description), new("Status", v => v.Recall.Status == RecallStatus.Deleted ? "deleted" : "active"),
        new("Created (UTC)", v => v.Recall.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
    ];

    private ListState _list = default!;
    private string? _loadError;
    private string? _search;
    private bool _safetyOnly;
    private bool _deleted;
    private int? _total;

    [Inject] private ListRecalls List { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    private string? Subtitle => _total switch { null => null, 1 => "1 recall", var n => $"{n:N0} recalls" };

    private bool Filtered => !string.IsNullOrWhiteSpace(_search) || _safetyOnly;

    protected override void OnInitialized()
    {
        _list = new ListState(Navigation, defaultSize: 20);
        _list.Changed += () => InvokeAsync(() =>
        {
            ReadFilters();
            StateHasChanged();
        });
        ReadFilters();
    }

    private void ReadFilters() =>
        (_search, _safetyOnly, _deleted) = (_list.Text("q"), _list.Text("safety") == "true", _list.Text("deleted") == "true");

    // The use case answers every matching recall (campaigns number in the tens); the page shows one slice of them.
    private async Task<Page<RecallView>> ReadPageAsync(int page, int size, CancellationToken ct)
    {
        var all = await List.HandleAsync(new RecallQuery(_search, _safetyOnly, _deleted), ct);
        return TablePages.Slice(all, page, size);
    }

    private async Task<TableData<RecallView>> LoadAsync(TableState state, CancellationToken ct)
    {
        _list.Record(state);
        var loaded = await TablePages.LoadAsync(state, ReadPageAsync, Errors, ct);
        (_total, _loadError) = (loaded.Total, loaded.Error);
        await InvokeAsync(StateHasChanged);
        return loaded.Data;
    }

    private void SearchChanged(string? search) => _list.SetFilter("q", search);

    private void SafetyChanged(bool value)
    {
        _safetyOnly = value;
        _list.SetFilter("safety", value ? "true" : null);
    }

    private void DeletedChanged(bool value)
    {
        _deleted = value;
        _list.SetFilter("deleted", value ? "true" : null);
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<RecallDialog>("New recall", new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: int id })
            Navigation.NavigateTo($"recalls/{id}");
    }

    public void Dispose() => _list?.Dispose();
}
