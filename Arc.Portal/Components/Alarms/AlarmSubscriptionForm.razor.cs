using Arc.Domain.Alarms;
using Arc.Domain.Common;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Alarms;

/// <summary>Adds a subscription, or changes <see cref="Subscription"/>; the use case checks everything again.</summary>
public sealed partial class AlarmSubscriptionForm
{
    private FormState _form = default!;
    private MudSelect<string>? _severitySelect;
    private string? _severity = AlarmSeverities.Major;
    private string _scope = AlarmScopes.All;
    private int? _scopeId;

    [Inject] private AddAlarmSubscription Add { get; set; } = default!;
    [Inject] private ChangeAlarmSubscription Change { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    /// <summary>The models and fleets to choose from.</summary>
    [Parameter, EditorRequired] public MyAlarmSubscriptions Choices { get; set; } = default!;

    /// <summary>The subscription being changed; null adds a new one.</summary>
    [Parameter] public AlarmSubscriptionView? Subscription { get; set; }

    [Parameter] public EventCallback Saved { get; set; }
    [Parameter] public EventCallback Cancelled { get; set; }

    protected override void OnInitialized()
    {
        _form = new(Errors, "severity", "scope", "scopeId");
        if (Subscription is { } s)
            (_severity, _scope, _scopeId) = (s.MinimumSeverity, s.Scope, s.ScopeId);
    }

    // The form opens where the person clicked; the first field takes the focus so the keyboard carries on from there.
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && _severitySelect is not null)
            await _severitySelect.FocusAsync();
    }

    private static string SeverityOption(string severity) => severity == AlarmSeverities.Critical ? "Critical only" : AlarmList.Describe(severity) + " and above";

    private void ScopeChanged(string scope)
    {
        if (scope != _scope)
            _scopeId = null;
        _scope = scope;
        _form.Clear();
    }

    private async Task SaveAsync()
    {
        var draft = new AlarmSubscriptionDraft(_severity, _scope, _scope == AlarmScopes.All ? null : _scopeId);
        if (await _form.RunAsync(() => Subscription is null ? Add.HandleAsync(draft) : Change.HandleAsync(Subscription.Id, draft)))
        {
            Snackbar.Add(Subscription is null ? "Subscription added." : "Subscription changed.", Severity.Success);
            await Saved.InvokeAsync();
        }
    }
}
