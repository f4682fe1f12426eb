using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Rollouts;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Rollouts;

/// <summary>The over-the-air campaigns, newest first; the status filter, page and page size live in the address.</summary>
public sealed partial class CampaignList : IDisposable
{
    private static readonly IReadOnlyList<CsvColumn<CampaignRow>> ExportColumns =
    [
        new("Id", r => r.Id.ToString(CultureInfo.InvariantCulture)), new("Name", r => r.Name), new("Status", r => CampaignText.Label(r.Status)),
        new("Status reason", r => r.StatusReason), new("Wave", r => CampaignText.WaveOf(r.CurrentWave, r.WaveCount, r.Status)),
        new("Vehicles", r => r.PopulationCount.ToString(CultureInfo.InvariantCulture)), new("Installed", r => r.Installed.ToString(CultureInfo.InvariantCulture)),
        new("Owner", r => r.Owner), new("Recall", r => r.RecallId?.ToString(CultureInfo.InvariantCulture)),
        new("Rollback of", r => r.RollbackOf?.ToString(CultureInfo.InvariantCulture)),
        new("Created (UTC)", r => r.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
    ];

    private ListState _list = default!;
    private string? _loadError;
    private CampaignStatus? _status;
    private int? _total;

    [Inject] private ListCampaigns List { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    private string? Subtitle => _total switch { null => null, 1 => "1 campaign", var n => $"{n:N0} campaigns" };

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

    private void ReadFilters() => _status = Enum.TryParse<CampaignStatus>(_list.Text("status"), true, out var status) ? status : null;

    private Task<Page<CampaignRow>> ReadPageAsync(int page, int size, CancellationToken ct) => List.HandleAsync(new CampaignQuery(_status, page, size), ct);

    private async Task<TableData<CampaignRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        _list.Record(state);
        var loaded = await TablePages.LoadAsync(state, ReadPageAsync, Errors, ct);
        (_total, _loadError) = (loaded.Total, loaded.Error);
        await InvokeAsync(StateHasChanged);
        return loaded.Data;
    }

    private void StatusChanged(CampaignStatus? status)
    {
        _status = status;
        _list.SetFilter("status", status?.ToString().ToLowerInvariant());
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CampaignCreateDialog>("New over-the-air campaign", new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: int id })
            Navigation.NavigateTo($"firmware/campaigns/{id}");
    }

    public void Dispose() => _list?.Dispose();
}
