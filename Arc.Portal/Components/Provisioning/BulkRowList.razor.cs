using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Provisioning;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Provisioning;

/// <summary>
/// A bulk job's rows: filtered by status, sorted and paged with the state in the address
/// (<c>?status=rejected&amp;sort=vin&amp;page=2</c>), exported as CSV as shown.
/// </summary>
public sealed partial class BulkRowList
{
    private static readonly IReadOnlyList<CsvColumn<BulkRowView>> ExportColumns =
    [
        new("Line", r => r.Line.ToString(CultureInfo.InvariantCulture)), new("VIN", r => r.Vin),
        new("Model release", r => r.ModelReleaseName), new("Model release id", r => r.ModelReleaseId?.ToString(CultureInfo.InvariantCulture)),
        new("Options", r => r.Options), new("Status", r => r.Status), new("Problem", r => r.Problem),
        new("Attempts", r => r.Attempts.ToString(CultureInfo.InvariantCulture)), new("Row as uploaded", r => r.Text),
    ];

    private ListState _list = default!;
    private MudTable<BulkRowView>? _table;
    private string _status = "";

    [Parameter, EditorRequired] public long JobId { get; set; }

    [Inject] private GetBulkProvisioningJob Get { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override void OnInitialized()
    {
        _list = new ListState(Navigation, defaultSize: 50, defaultSort: "line");
        _list.Changed += () => InvokeAsync(() =>
        {
            ReadFilters();
            StateHasChanged();
        });
        ReadFilters();
    }

    /// <summary>The job moved on (a row finished, a retry): the page shown is read again.</summary>
    public Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    // An address with a status the page does not know shows every row rather than an error.
    private void ReadFilters() => _status = _list.Text("status") is { } s && GetBulkProvisioningJob.Statuses.Contains(s) ? s : "";

    private BulkRowQuery Query(int page, int size) => new(page, size, _status.Length == 0 ? null : _status, _list.Sort switch
    {
        "vin" => BulkRowSort.Vin,
        "status" => BulkRowSort.Status,
        _ => BulkRowSort.Line,
    }, _list.Descending);

    private async Task<Page<BulkRowView>> ReadPageAsync(int page, int size, CancellationToken ct) =>
        (await Get.HandleAsync(JobId, Query(page, size), ct)).Rows;

    private async Task<TableData<BulkRowView>> LoadAsync(TableState state, CancellationToken ct)
    {
        _list.Record(state);
        var rows = await ReadPageAsync(state.Page, state.PageSize, ct);
        return new TableData<BulkRowView> { Items = rows.Items, TotalItems = rows.TotalCount };
    }

    private void StatusChanged(string status)
    {
        _status = status;
        _list.SetFilter("status", status);
    }

    public void Dispose() => _list?.Dispose();
}
