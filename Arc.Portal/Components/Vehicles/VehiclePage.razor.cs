using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;
using Microsoft.AspNetCore.Components;

namespace Arc.Portal.Components.Vehicles;

/// <summary>
/// A vehicle with the tabs of spec/portal.md §1.4 that have data so far, as registered in <see cref="VehicleTabs"/>.
/// The open tab is kept in <c>?tab=</c>; a key that names no tab shows a notice and the default tab
/// (the user's <c>default_vehicle_tab</c> preference when it names a tab they can see, else Fleets).
/// </summary>
public partial class VehiclePage
{
    private Arc.Domain.Vehicles.VehicleDetail? _vehicle;
    private string? _message;
    private bool _denied;
    private bool _notFound;
    private string? _loadedVin;
    private VehicleTabs.Registration[] _tabs = [];
    private int _activeIndex;
    private string? _unknownTab;
    private bool _canList;
    private string _defaultTab = VehicleTabs.DefaultKey;

    [Parameter] public string Vin { get; set; } = "";
    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }

    [Inject] private GetVehicle GetVehicle { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private Arc.Domain.Provisioning.UnprovisionVehicle Unprovision { get; set; } = default!;
    [Inject] private MudBlazor.IDialogService Dialogs { get; set; } = default!;
    [Inject] private MudBlazor.ISnackbar Snackbar { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;
    [Inject] private Arc.Domain.Users.GetMyPreferences Preferences { get; set; } = default!;
    [Inject] private PortalEnvironment Environment { get; set; } = default!;

    private async Task UnprovisionAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Unprovision this vehicle?",
            $"{_vehicle!.Vin} leaves every fleet and authority, its certificate and shadow are deleted, and it can no longer connect. Notes and the factory PIN are kept.",
            yesText: "Unprovision", cancelText: "Cancel");
        if (confirmed != true)
            return;
        try
        {
            await Unprovision.HandleAsync(_vehicle.Vin);
            Snackbar.Add($"{_vehicle.Vin} unprovisioned; its certificates are revoked in the background (its page shows the progress)", MudBlazor.Severity.Success);
            Navigation.NavigateTo("vehicles");
        }
        catch (DomainException e)
        {
            Snackbar.Add(Errors.Describe(e), MudBlazor.Severity.Error);
        }
    }

    // An address may leave out the environment prefix; titles show the VIN as the portal writes it everywhere else.
    private string CanonicalVin => _vehicle?.Vin ?? (Arc.Domain.Vehicles.Vin.TryParse(Vin, Environment.Environment, out var vin, out _) ? vin.Value : Vin);

    private string? Subtitle => _vehicle is null ? null : $"{_vehicle.ModelName ?? "Vehicle"} · {_vehicle.ReleaseDescription ?? "no model release"}";

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedVin != Vin)
        {
            _loadedVin = Vin;
            await LoadAsync();
        }
        SelectTab(Tab);
    }

    private async Task LoadAsync()
    {
        _vehicle = null;
        _message = null;
        _denied = false;
        _notFound = false;
        // The "Vehicles" crumb links to the list only for those who may open it (spec/portal.md §8.2).
        _canList = await CurrentUser.HasAsync(Perm.VehicleRead);
        try
        {
            _vehicle = await GetVehicle.HandleAsync(Vin);
            var held = await CurrentUser.GetPermissionsAsync();
            _tabs = [.. VehicleTabs.VisibleWith(held)];
            var preferred = (await Preferences.HandleAsync()).GetValueOrDefault(Arc.Domain.Users.PreferenceKeys.DefaultVehicleTab);
            _defaultTab = preferred is not null && _tabs.Any(t => t.Tab.Key == preferred) ? preferred : VehicleTabs.DefaultKey;
        }
        catch (PermissionDeniedException)
        {
            _denied = true;
            _message = "You may not view this vehicle: it needs the permission vehicles.vehicle.read or membership of a fleet that holds it.";
        }
        catch (NotFoundException e)
        {
            // An unprovisioned vehicle may still wait for its certificates to be revoked; the page says so.
            _notFound = true;
            _message = e.Message;
        }
        catch (DomainException e)
        {
            _message = Errors.Describe(e);
        }
    }

    private void SelectTab(string? key)
    {
        _unknownTab = null;
        var fallback = Math.Max(0, Array.FindIndex(_tabs, t => t.Tab.Key == _defaultTab));
        if (string.IsNullOrEmpty(key))
        {
            _activeIndex = fallback;
            return;
        }
        var index = Array.FindIndex(_tabs, t => t.Tab.Key == key);
        if (index < 0)
        {
            _unknownTab = key.Length > 40 ? key[..40] + "…" : key;
            _activeIndex = fallback;
            return;
        }
        _activeIndex = index;
    }

    private void TabChanged(int index)
    {
        if (index < 0 || index >= _tabs.Length)
            return;
        _activeIndex = index;
        _unknownTab = null;
        // Each tab is a history entry: Back returns to the tab the person came from.
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("tab", _tabs[index].Tab.Key));
    }
}
