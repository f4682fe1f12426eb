using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Authorities;

public partial class AuthorityPage
{
    private AuthorityDetail? _authority;
    private string? _message;
    private FormState _action = default!;

    [Parameter] public int Id { get; set; }

    [Inject] private GetAuthority Get { get; set; } = default!;
    [Inject] private DeleteAuthority Delete { get; set; } = default!;
    [Inject] private ReKeyAuthority ReKey { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    protected override void OnInitialized() => _action = new(Errors);

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _authority = await Get.HandleAsync(Id);
            _message = null;
        }
        catch (DomainException e)
        {
            _message = Errors.Describe(e);
        }
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete this authority?",
            $"\"{_authority!.Description}\", every authority below it and all their vehicle grants will be deleted, and the vehicles stop trusting their keys. This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        await RunAsync(async () =>
        {
            var (authorities, vins) = await Delete.HandleAsync(Id);
            Snackbar.Add($"Deleted {authorities.Count} authorities; {vins.Count} vehicles refreshed.", Severity.Success);
            Navigation.NavigateTo("authorities");
        });
    }

    private async Task ReKeyAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Replace this authority's key?",
            "Tokens signed with the current key stop working as soon as the vehicles receive the new key.", yesText: "Re-key", cancelText: "Cancel");
        if (confirmed != true)
            return;
        await RunAsync(async () =>
        {
            var vins = await ReKey.HandleAsync(Id);
            Snackbar.Add($"New key made; {vins.Count} vehicles refreshed.", Severity.Success);
            await LoadAsync();
        });
    }

    // The buttons sit in the header, away from the page's content, so a refusal is shown as a snackbar.
    private async Task RunAsync(Func<Task> action)
    {
        await _action.RunAsync(action);
        if (_action.Error is { } error)
            Snackbar.Add(error, Severity.Error);
    }
}
