using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Rollouts;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Rollouts;

/// <summary>
/// One campaign: what it installs on which vehicles, its waves with their progress, the health gate's comparisons, the
/// vehicles in each state and every transition. Moves with the campaign (the change feed). Start and resume carry the
/// version the page read, so a campaign that moved meanwhile is not started or resumed unseen; pause and abort, the
/// brakes, take the campaign as it is (the advancing job moving a wave must not make them fail), and the use cases
/// still refuse a move that is no longer allowed (a second pause of a paused campaign).
/// </summary>
public sealed partial class CampaignPage
{
    private CampaignDetail? _campaign;
    private bool _notFound, _canWrite, _mayReadUsers;
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private FormState _form = default!;
    private CampaignVehiclesPanel? _vehicles;

    [Parameter] public int Id { get; set; }
    [Inject] private GetCampaign Get { get; set; } = default!;
    [Inject] private StartCampaign Start { get; set; } = default!;
    [Inject] private PauseCampaign Pause { get; set; } = default!;
    [Inject] private ResumeCampaign Resume { get; set; } = default!;
    [Inject] private AbortCampaign Abort { get; set; } = default!;
    [Inject] private RetryCampaignVehicles Retry { get; set; } = default!;
    [Inject] private RollBackCampaign RollBack { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private Arc.Domain.Users.GetUser Users { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _form = new FormState(Errors);
        _canWrite = await CurrentUser.HasAsync(Perm.CampaignWrite);
        _mayReadUsers = await CurrentUser.HasAsync(Perm.UsersRead);
    }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _campaign = await Get.HandleAsync(Id);
            _notFound = false;
            // The owner and whoever moved the campaign, by name for those who may look people up (a handful per campaign).
            foreach (var username in _campaign.Transitions.Select(t => t.Actor).Append(_campaign.Owner).Distinct().Where(u => !_names.ContainsKey(u)).ToList())
                _names[username] = await Users.DisplayAsync(username, _mayReadUsers);
        }
        catch (NotFoundException)
        {
            (_campaign, _notFound) = (null, true);
        }
        if (_vehicles is not null)
            await _vehicles.RefreshAsync();
        StateHasChanged();
    }

    private static int Failed(CampaignDetail c) =>
        c.Counts.GetValueOrDefault(CampaignVehicleStatus.Failed) + c.Counts.GetValueOrDefault(CampaignVehicleStatus.TimedOut);

    private string NameOf(string username) => _names.GetValueOrDefault(username, username);

    private string Subtitle(CampaignDetail c) =>
        $"{string.Join(", ", c.Targets.Select(t => $"{t.Component} {t.Hash}"))} · by {NameOf(c.Owner)} · created {c.Created.UtcDateTime:yyyy-MM-dd HH:mm} UTC";

    private async Task ActAsync(Func<CampaignDetail, Task> action, string done)
    {
        if (_campaign is not { } campaign)
            return;
        if (await _form.RunAsync(() => action(campaign)))
            Snackbar.Add(done, Severity.Success);
        await LoadAsync();
    }

    private async Task StartAsync()
    {
        var c = _campaign!;
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Start {c.Name}?",
            $"Its first wave goes out to eligible vehicles within a minute: {c.PopulationCount:N0} vehicles in {c.Waves.Count} waves in all.",
            yesText: "Start", cancelText: "Cancel");
        if (confirmed == true)
            await ActAsync(x => Start.HandleAsync(x.Id, x.Version), "Campaign started.");
    }

    private async Task PauseAsync()
    {
        var reason = await CampaignReasonDialog.AskAsync(Dialogs, "Pause the campaign?",
            "No vehicle is sent the firmware while it is paused; vehicles already installing finish and report.", "Pause", Color.Warning, required: true);
        if (reason is not null)
            await ActAsync(x => Pause.HandleAsync(x.Id, reason), "Campaign paused.");
    }

    private async Task ResumeAsync()
    {
        var gated = _campaign!.HealthChecks is [.., { Passed: false }];
        var message = gated
            ? "The health gate paused this campaign. Resuming accepts its verdict for this wave: the gate will not pause it again for the same wave."
            : "Dispatch goes on where it stopped.";
        var reason = await CampaignReasonDialog.AskAsync(Dialogs, "Resume the campaign?", message, "Resume", Color.Primary, required: gated);
        if (reason is not null)
            await ActAsync(x => Resume.HandleAsync(x.Id, string.IsNullOrEmpty(reason) ? null : reason, x.Version), "Campaign resumed.");
    }

    private async Task AbortAsync()
    {
        var reason = await CampaignReasonDialog.AskAsync(Dialogs, "Abort the campaign?",
            "The target is withdrawn from every vehicle that has not installed it. This cannot be undone; a new campaign can be created instead.",
            "Abort", Color.Error, required: true);
        if (reason is not null)
            await ActAsync(x => Abort.HandleAsync(x.Id, reason), "Campaign aborted.");
    }

    private async Task RetryAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Retry the failed vehicles?",
            $"The {Failed(_campaign!):N0} failed or timed-out vehicles are queued again and sent the firmware when eligible.", yesText: "Retry", cancelText: "Cancel");
        if (confirmed == true)
            await ActAsync(async x => await Retry.HandleAsync(x.Id), "Failed vehicles queued again.");
    }

    private async Task RollBackAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Create a rollback campaign?",
            "A new draft campaign targets the firmware these vehicles ran before, for the vehicles this campaign updated. You start it from its page.",
            yesText: "Create rollback", cancelText: "Cancel");
        if (confirmed != true || _campaign is not { } c)
            return;
        var id = 0;
        if (await _form.RunAsync(async () => id = await RollBack.HandleAsync(c.Id)))
            Navigation.NavigateTo($"firmware/campaigns/{id}");
    }
}
