using System.Globalization;
using Arc.Domain.Alarms;
using Arc.Domain.Common;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Alarms;

public sealed partial class AlarmList
{
    public static readonly IReadOnlyList<CsvColumn<AlarmRow>> ExportColumns =
    [
        new("Raised (UTC)", a => a.RaisedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)), new("Severity", a => a.Severity),
        new("Rule", a => a.RuleName), new("VIN", a => a.Vin), new("Value", a => a.Value?.ToString(CultureInfo.InvariantCulture)), new("Details", a => a.Details),
        new("Status", a => a.Status), new("Acknowledged by", a => a.AcknowledgedBy),
        new("Acknowledged (UTC)", a => a.AcknowledgedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
        new("Cleared by", a => a.ClearedBy), new("Cleared (UTC)", a => a.ClearedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
    ];

    private string? _status = "active";
    private string? _severity;
    private int? _ruleId;
    private string? _vin;
    private string? _error;
    private int _version;
    private AlarmCounts? _counts;
    private IReadOnlyList<AlarmRuleView> _rules = [];
    private FormState _action = default!;

    [Inject] private ListAlarms List { get; set; } = default!;
    [Inject] private CountAlarms Count { get; set; } = default!;
    [Inject] private ListAlarmRules Rules { get; set; } = default!;
    [Inject] private AcknowledgeAlarm Acknowledge { get; set; } = default!;
    [Inject] private ClearAlarm Clear { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    /// <summary>Shows one vehicle's alarms only (the vehicle's tab); the VIN filter is then hidden.</summary>
    [Parameter] public string? FixedVin { get; set; }

    /// <summary>The VIN filter a link opened the centre with.</summary>
    [Parameter] public string? InitialVin { get; set; }

    /// <summary>The status filter a link opened the centre with (the app-bar badge's).</summary>
    [Parameter] public string? InitialStatus { get; set; }

    [Parameter] public int? InitialRule { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _action = new(Errors);
        _vin = InitialVin;
        if (InitialStatus is { } status && AlarmStatuses.All.Contains(status))
            _status = status;
        _ruleId = InitialRule;
        _rules = await Rules.HandleAsync();
        await CountAsync();
    }

    /// <summary>Reads a page with the filters shown (the CSV export reads every page through this too).</summary>
    public Task<Page<AlarmRow>> ReadPageAsync(int page, int size, CancellationToken ct) =>
        List.HandleAsync(new AlarmQuery(_status, _severity, _ruleId, FixedVin ?? _vin, page, size), ct);

    private async Task<TableData<AlarmRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        var shown = _error;
        try
        {
            var page = await ReadPageAsync(state.Page, state.PageSize, ct);
            _error = null;
            return new TableData<AlarmRow> { Items = page.Items, TotalItems = page.TotalCount };
        }
        catch (ValidationFailedException e)
        {
            _error = e.Message;
            return new TableData<AlarmRow> { Items = [], TotalItems = 0 };
        }
        finally
        {
            // The table loads after this list has rendered (it is re-keyed on every filter change), so a message that
            // came or went with the load needs a render of its own.
            if (_error != shown)
                StateHasChanged();
        }
    }

    private async Task CountAsync() => _counts = await Count.HandleAsync(FixedVin);

    private async Task RefreshAsync()
    {
        await CountAsync();
        _version++;
        StateHasChanged();
    }

    private Task StatusChanged(string? status) => Filter(() => _status = status);
    private Task SeverityChanged(string? severity) => Filter(() => _severity = severity);
    private Task RuleChanged(int? ruleId) => Filter(() => _ruleId = ruleId);
    private Task VinChanged(string? vin) => Filter(() => _vin = vin);

    private Task Filter(Action set)
    {
        set();
        _version++;
        return Task.CompletedTask;
    }

    private async Task AcknowledgeAsync(AlarmRow alarm)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Acknowledge this alarm?",
            $"{alarm.RuleName} on {alarm.Vin}: everyone will see that you are on it.", yesText: "Acknowledge", cancelText: "Cancel");
        if (confirmed == true)
            await RunAsync(() => Acknowledge.HandleAsync(alarm.Id), "Alarm acknowledged.");
    }

    private async Task ClearAsync(AlarmRow alarm)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Clear this alarm?",
            $"{alarm.RuleName} on {alarm.Vin} stops being active. Its rule raises a new alarm only once the condition has ended and come back.",
            yesText: "Clear", cancelText: "Cancel");
        if (confirmed == true)
            await RunAsync(() => Clear.HandleAsync(alarm.Id), "Alarm cleared.");
    }

    private async Task RunAsync(Func<Task> work, string done)
    {
        if (await _action.RunAsync(work))
        {
            Snackbar.Add(done, Severity.Success);
            await RefreshAsync();
        }
        else if (_action.Error is { } error)
            Snackbar.Add(error, Severity.Error);
    }

    public static string Describe(string severity) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(severity);

    /// <summary>
    /// Severity chips are outlined: filled ones put white text on the dark theme's light error, info and secondary
    /// colours, below the contrast WCAG asks for.
    /// </summary>
    public const Variant SeverityVariant = Variant.Outlined;

    public static Color SeverityColor(string severity) => severity switch
    {
        AlarmSeverities.Critical => Color.Error,
        AlarmSeverities.Major => Color.Warning,
        AlarmSeverities.Minor => Color.Info,
        AlarmSeverities.Warning => Color.Tertiary,
        _ => Color.Default,
    };
}
