using Arc.Domain.Common;
using Arc.Domain.InsurerExports;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.InsurerExports;

public partial class InsurerExportsPage
{
    [Inject] private ListInsurerExports List { get; set; } = default!;
    [Inject] private RunInsurerExport Run { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private IReadOnlyList<InsurerExportView>? _exports;
    private FormState _form = default!;
    private string? _month;

    protected override async Task OnInitializedAsync()
    {
        _form = new(Errors, "month");
        _month = ExportMonth.Previous(Time.GetUtcNow()).ToString();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _exports = await List.HandleAsync();
        StateHasChanged();
    }

    private async Task RunAsync()
    {
        InsurerExportView? queued = null;
        if (await _form.RunAsync(async () => queued = await Run.HandleAsync(_month)))
        {
            Snackbar.Add($"The export of {queued!.Month} is {queued.Status}; this list shows when it is ready.", Severity.Info);
            await LoadAsync();
        }
    }

    private static Color StatusColor(string status) => status switch
    {
        InsurerExportStatus.Done => Color.Success,
        InsurerExportStatus.Failed => Color.Error,
        _ => Color.Info,
    };
}
