using Arc.Domain.Alarms;
using Arc.Domain.Common;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Alarms;

/// <summary>The signed-in person's subscriptions, with the form that adds or changes one and a confirmed remove.</summary>
public sealed partial class AlarmSubscriptionTable
{
    private MyAlarmSubscriptions? _mine;
    private AlarmSubscriptionView? _editing;
    private bool _formOpen;
    private FormState _load = default!;
    private FormState _action = default!;

    [Inject] private ListMyAlarmSubscriptions List { get; set; } = default!;
    [Inject] private RemoveAlarmSubscription Remove { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _load = new(Errors);
        _action = new(Errors);
        await LoadAsync();
    }

    private Task LoadAsync() => _load.RunAsync(async () => _mine = await List.HandleAsync(), "Your subscriptions could not be read.");

    public static string SeverityText(AlarmSubscriptionView s) => s.MinimumSeverity == AlarmSeverities.Critical
        ? "Critical only" : AlarmList.Describe(s.MinimumSeverity) + " and above";

    public static string VehiclesText(AlarmSubscriptionView s) => s.Scope switch
    {
        AlarmScopes.All => "All vehicles",
        AlarmScopes.Model => "Model " + (s.ScopeName ?? "(removed)"),
        _ => "Fleet " + (s.ScopeName ?? "(removed)"),
    };

    private static string Describe(AlarmSubscriptionView s) => $"{SeverityText(s)}, {VehiclesText(s)}";

    private void Add()
    {
        _action.Clear();
        (_editing, _formOpen) = (null, true);
    }

    private void Edit(AlarmSubscriptionView subscription)
    {
        _action.Clear();
        (_editing, _formOpen) = (subscription, true);
    }

    private void Close() => (_editing, _formOpen) = (null, false);

    private async Task SavedAsync()
    {
        Close();
        await LoadAsync();
    }

    private async Task RemoveAsync(AlarmSubscriptionView subscription)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Remove this subscription?",
            $"{Describe(subscription)}: you will no longer be emailed about these alarms.", yesText: "Remove", cancelText: "Cancel");
        if (confirmed != true)
            return;
        if (await _action.RunAsync(() => Remove.HandleAsync(subscription.Id)))
        {
            Snackbar.Add("Subscription removed.", Severity.Success);
            if (_editing?.Id == subscription.Id)
                Close();
        }
        await LoadAsync();
    }
}
