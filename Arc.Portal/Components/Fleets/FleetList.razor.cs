using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Fleets;

/// <summary>Every fleet with its counts; filter, sort and page live in the address (<c>/fleets?q=rent&amp;sort=vehicles&amp;dir=desc</c>).</summary>
public sealed partial class FleetList : IDisposable
{
    private static readonly IReadOnlyList<CsvColumn<FleetRow>> ExportColumns =
    [
        new("Id", f => f.Id.ToString(CultureInfo.InvariantCulture)), new("Name", f => f.Name),
        new("Vehicles", f => f.VehicleCount.ToString(CultureInfo.InvariantCulture)), new("Users", f => f.UserCount.ToString(CultureInfo.InvariantCulture)),
    ];

    private ListState _list = default!;
    private MudTable<FleetRow>? _table;
    private FormState _action = default!;
    private string? _search;
    private int? _total;
    private bool _canDelete;

    [Inject] private ListFleets List { get; set; } = default!;
    [Inject] private DeleteFleet Delete { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    private string? Subtitle => _total switch { null => null, 1 => "1 fleet", var n => $"{n:N0} fleets" };

    protected override async Task OnInitializedAsync()
    {
        _action = new FormState(Errors);
        _list = new ListState(Navigation, defaultSize: 20, defaultSort: "id");
        _list.Changed += () => InvokeAsync(() =>
        {
            _search = _list.Text("q");
            StateHasChanged();
        });
        _search = _list.Text("q");
        _canDelete = await CurrentUser.HasAsync(Perm.FleetDelete);
    }

    private Task<Page<FleetRow>> ReadPageAsync(int page, int size, CancellationToken ct) =>
        List.HandleAsync(new FleetQuery(_search, _list.Sort switch
        {
            "name" => FleetSort.Name,
            "vehicles" => FleetSort.Vehicles,
            "users" => FleetSort.Users,
            _ => FleetSort.Id,
        }, _list.Descending, page, size), ct);

    private async Task<TableData<FleetRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        _list.Record(state);
        var page = await ReadPageAsync(state.Page, state.PageSize, ct);
        _total = page.TotalCount;
        await InvokeAsync(StateHasChanged);
        return new TableData<FleetRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private void SearchChanged(string? search) => _list.SetFilter("q", search);

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateFleetDialog>("New fleet", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: int id })
            Navigation.NavigateTo($"fleets/{id}");
    }

    private async Task DeleteAsync(FleetRow fleet)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Delete {fleet.Name}?",
            $"The fleet goes, with its {fleet.VehicleCount:N0} vehicle and {fleet.UserCount:N0} user memberships; the vehicles and users themselves stay. "
            + "Its members lose sight of its vehicles. This cannot be undone.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        if (await _action.RunAsync(() => Delete.HandleAsync(fleet.Id)))
        {
            Snackbar.Add($"{fleet.Name} deleted.", Severity.Success);
            if (_table is not null)
                await _table.ReloadServerData();
        }
    }

    public void Dispose() => _list?.Dispose();
}
