using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Recalls;

/// <summary>
/// The vehicles of one recall (issue 16 item 2). Reading needs recalls.vehicle.read; adding .add, servicing .service,
/// editing an entry .edit and removing one .remove, as the use cases, which check again. Filters live in the panel, not
/// the address, since the page around it is the recall's.
/// </summary>
public sealed partial class RecallVehiclesPanel
{
    private static readonly IReadOnlyList<CsvColumn<RecallVehicleView>> ExportColumns =
    [
        new("VIN", v => v.Vin), new("NHTSA number", v => v.NhtsaNumber), new("Status", v => RecallVehicleText.Label(v.Status)),
        new("Service date", v => RecallVehicleText.Date(v.ServiceDate)), new("Service reference", v => v.ServiceReference),
        new("Unreachable reason", v => v.UnreachableReason is { } r ? RecallVehicleText.Label(r) : null), new("Reason note", v => v.ReasonNote),
        new("Remedied over the air: component", v => v.OverTheAir?.Component), new("Reported version", v => v.OverTheAir?.Hash),
        new("Reported (UTC)", v => v.OverTheAir?.ReportedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
        new("Reported through", v => v.OverTheAir?.SourceLabel),
        new("Added (UTC)", v => v.AddedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), new("Added by", v => v.AddedBy),
        new("Changed (UTC)", v => v.ChangedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), new("Changed by", v => v.ChangedBy),
    ];

    private MudTable<RecallVehicleView>? _table;
    private RecallVehicleStatus? _status;
    private string? _search;
    private string? _error;
    private string? _actionError;
    private IReadOnlyDictionary<RecallVehicleStatus, int>? _counts;
    private readonly HashSet<string> _selected = new(StringComparer.Ordinal);

    [Parameter, EditorRequired] public int RecallId { get; set; }
    [Parameter, EditorRequired] public string NhtsaNumber { get; set; } = "";
    [Parameter] public IReadOnlySet<string> Can { get; set; } = new HashSet<string>();

    /// <summary>A deleted recall shows its vehicles but takes no change.</summary>
    [Parameter] public bool ReadOnly { get; set; }

    /// <summary>Vehicles are serviced by the recall's remedy: without one the panel offers no service.</summary>
    [Parameter] public bool HasRemedy { get; set; } = true;

    /// <summary>Raised after this panel changed the recall's vehicles, so the page's other panels read them again.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    [Inject] private ListRecallVehicles List { get; set; } = default!;
    [Inject] private RemoveRecallVehicle Remove { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    private bool CanAdd => Can.Contains(Perm.RecallVehicleAdd);
    private bool CanService => Can.Contains(Perm.RecallVehicleService) && HasRemedy;
    private bool CanEdit => Can.Contains(Perm.RecallVehicleEdit);
    private bool CanRemove => Can.Contains(Perm.RecallVehicleRemove);
    private bool Selectable => !ReadOnly && CanService;
    private bool Filtered => _status is not null || !string.IsNullOrWhiteSpace(_search);

    private string? CountsText => _counts is null ? null
        : $"{RecallVehicleText.Vehicles(_counts.Values.Sum())}: " + string.Join(", ",
            RecallVehicleText.Statuses.Select(s => $"{_counts.GetValueOrDefault(s).ToString("N0", CultureInfo.InvariantCulture)} {RecallVehicleText.Label(s).ToLowerInvariant()}"));

    private async Task<Page<RecallVehicleView>> ReadPageAsync(int page, int size, CancellationToken ct) =>
        (await List.HandleAsync(new RecallVehicleQuery(RecallId, _status, _search, page, size), ct)).Page;

    private async Task<TableData<RecallVehicleView>> LoadAsync(TableState state, CancellationToken ct)
    {
        try
        {
            var result = await List.HandleAsync(new RecallVehicleQuery(RecallId, _status, _search, state.Page, state.PageSize), ct);
            (_counts, _error) = (result.Counts, null);
            await InvokeAsync(StateHasChanged);
            return new TableData<RecallVehicleView> { Items = result.Page.Items, TotalItems = result.Page.TotalCount };
        }
        // A search with characters no VIN has is refused by the use case; the panel says why instead of failing.
        catch (DomainException e)
        {
            _error = Errors.Describe(e);
            await InvokeAsync(StateHasChanged);
            return new TableData<RecallVehicleView> { Items = [], TotalItems = 0 };
        }
    }

    private Task ReloadAsync()
    {
        _selected.Clear();
        return _table?.ReloadServerData() ?? Task.CompletedTask;
    }

    /// <summary>Reads the vehicles again after another panel changed them.</summary>
    public Task RefreshAsync() => ReloadAsync();

    private async Task ChangedAsync()
    {
        await ReloadAsync();
        await Changed.InvokeAsync();
    }

    private Task StatusChanged(RecallVehicleStatus? status)
    {
        _status = status;
        return ReloadAsync();
    }

    private Task SearchChanged(string? search)
    {
        _search = search;
        return ReloadAsync();
    }

    private void Select(string vin, bool on)
    {
        if (on)
            _selected.Add(vin);
        else
            _selected.Remove(vin);
    }

    private async Task AddAsync()
    {
        var parameters = new DialogParameters<RecallAddVehiclesDialog> { { d => d.RecallId, RecallId }, { d => d.NhtsaNumber, NhtsaNumber } };
        var dialog = await Dialogs.ShowAsync<RecallAddVehiclesDialog>($"Add vehicles to recall {NhtsaNumber}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
            await ChangedAsync();
    }

    private Task ServiceSelectedAsync() => ServiceAsync(_selected.Order(StringComparer.Ordinal).ToList());

    private async Task ServiceAsync(IReadOnlyList<string> vins)
    {
        var parameters = new DialogParameters<RecallServiceDialog> { { d => d.RecallId, RecallId }, { d => d.Vins, vins } };
        var dialog = await Dialogs.ShowAsync<RecallServiceDialog>($"Service {RecallVehicleText.Vehicles(vins.Count)} for recall {NhtsaNumber}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
            await ChangedAsync();
    }

    private async Task EditAsync(RecallVehicleView entry)
    {
        var parameters = new DialogParameters<RecallVehicleDialog> { { d => d.Entry, entry } };
        var dialog = await Dialogs.ShowAsync<RecallVehicleDialog>($"{entry.Vin} in recall {NhtsaNumber}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        // Saved or refused (someone else changed it first), the table shows what is stored now.
        await dialog.Result;
        await ChangedAsync();
    }

    private async Task RemoveAsync(RecallVehicleView entry)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Remove {entry.Vin} from recall {NhtsaNumber}?",
            $"Its entry ({RecallVehicleText.Label(entry.Status).ToLowerInvariant()}) is deleted; the audit log keeps its last state and the vehicle gets a note.",
            yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true)
            return;
        _actionError = null;
        try
        {
            await Remove.HandleAsync(RecallId, entry.Vin);
            Snackbar.Add($"{entry.Vin} removed from recall {NhtsaNumber}.", Severity.Success);
        }
        // Removed by someone else meanwhile, or the permission was taken away: the panel says so and shows what is stored.
        catch (DomainException e)
        {
            _actionError = Errors.Describe(e);
        }
        await ChangedAsync();
    }
}
