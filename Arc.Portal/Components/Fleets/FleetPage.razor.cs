using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Fleets;

/// <summary>One fleet: its name, vehicles (one by one or from a checked list) and users.</summary>
public sealed partial class FleetPage
{
    private FleetDetail? _fleet;
    private FleetVehicles? _vehicles;
    private HashSet<string> _can = [];
    private string? _name;
    private string? _loadError;
    private FormState _form = default!;

    [Parameter] public int FleetId { get; set; }

    [Inject] private GetFleet Get { get; set; } = default!;
    [Inject] private RenameFleet Rename { get; set; } = default!;
    [Inject] private DeleteFleet Delete { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

    private string? Subtitle => _fleet is null ? null : $"Fleet {_fleet.Id}{(_fleet.IsProtected ? " · protected" : "")}";

    protected override void OnInitialized() => _form = new FormState(Errors, "name");

    protected override async Task OnParametersSetAsync()
    {
        _can = (await CurrentUser.GetPermissionsAsync()).ToHashSet();
        await LoadAsync();
        _name = _fleet?.Name;
    }

    private async Task LoadAsync()
    {
        try
        {
            _fleet = await Get.HandleAsync(FleetId);
            _loadError = null;
        }
        catch (DomainException e) when (e is NotFoundException or PermissionDeniedException)
        {
            _loadError = e.Message;
        }
    }

    private async Task BulkChangedAsync()
    {
        await LoadAsync();
        if (_vehicles is not null)
            await _vehicles.ReloadAsync();
    }

    private async Task RenameAsync()
    {
        if (await _form.RunAsync(() => Rename.HandleAsync(FleetId, _name)))
        {
            await LoadAsync();
            _name = _fleet?.Name;
            Snackbar.Add("Fleet renamed.", Severity.Success);
        }
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Delete {_fleet!.Name}?",
            $"The fleet goes, with its {_fleet.VehicleCount:N0} vehicle and {_fleet.Users.Count:N0} user memberships; the vehicles and users themselves stay. "
            + "Its members lose sight of its vehicles. This cannot be undone.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
            return;
        if (await _form.RunAsync(() => Delete.HandleAsync(FleetId)))
        {
            Snackbar.Add($"{_fleet.Name} deleted.", Severity.Success);
            Navigation.NavigateTo("fleets");
        }
    }
}
