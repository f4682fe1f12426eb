using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Recalls;

/// <summary>
/// The quarterly reports of one recall. Generating needs recalls.recall.edit, signing off recalls.report.signoff; the use
/// cases check again. Signing off asks first and carries the version listed, so a report generated again meanwhile is
/// not signed unseen.
/// </summary>
public sealed partial class RecallQuarterReports
{
    private FormState _form = default!;
    private int _year, _quarter;

    [Parameter, EditorRequired] public int RecallId { get; set; }
    [Parameter, EditorRequired] public IReadOnlyList<RecallQuarterReportView> Reports { get; set; } = [];
    [Parameter, EditorRequired] public DateOnly Today { get; set; }
    [Parameter] public IReadOnlySet<string> Can { get; set; } = new HashSet<string>();
    [Parameter] public bool ReadOnly { get; set; }

    /// <summary>Raised after a report was made or signed off, so the panel reads them again.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    [Inject] private GenerateRecallQuarterReport Generate { get; set; } = default!;
    [Inject] private SignOffRecallQuarterReport SignOff { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    private bool CanGenerate => !ReadOnly && Can.Contains(Perm.RecallEdit);

    protected override void OnInitialized()
    {
        _form = new FormState(Errors, "year", "quarter");
        (_year, _quarter) = RecallQuarter.Previous(Today);
    }

    private async Task GenerateAsync()
    {
        var (year, quarter) = (_year, _quarter);
        var existing = Reports.FirstOrDefault(r => r.Year == year && r.Quarter == quarter);
        if (existing is { SignedOffAt: null })
        {
            var again = await Dialogs.ShowMessageBoxAsync($"Generate {existing.Name} again?",
                "The report is counted again as of the quarter's last day and replaces the draft.", yesText: "Generate", cancelText: "Cancel");
            if (again != true)
                return;
        }
        if (await _form.RunAsync(() => Generate.HandleAsync(RecallId, year, quarter)))
        {
            Snackbar.Add($"Report of {RecallQuarter.Name(year, quarter)} generated.", Severity.Success);
            await Changed.InvokeAsync();
        }
    }

    private async Task SignOffAsync(RecallQuarterReportView report)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Sign off {report.Name}?",
            "Its counts are frozen as they are now listed: the report cannot be generated again.", yesText: "Sign off", cancelText: "Cancel");
        if (confirmed != true)
            return;
        if (await _form.RunAsync(() => SignOff.HandleAsync(RecallId, report.Year, report.Quarter, report.Version)))
        {
            Snackbar.Add($"Report of {report.Name} signed off.", Severity.Success);
            await Changed.InvokeAsync();
        }
    }
}
