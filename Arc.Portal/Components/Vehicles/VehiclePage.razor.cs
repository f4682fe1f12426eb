using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Vehicles;
using Microsoft.AspNetCore.Components;

namespace Arc.Portal.Components.Vehicles;

/// <summary>
/// A vehicle with the tabs of spec/portal.md §1.4 that have data so far. The open tab is kept in <c>?tab=</c>;
/// a key that names no tab shows a notice and the first tab.
/// </summary>
public partial class VehiclePage
{
    public sealed record TabInfo(string Key, string Label);

    public sealed record TabRule(TabInfo Tab, string? Permission);

    /// <summary>The tabs in the order of spec/portal.md §1.4, each with the permission it needs beyond the vehicle itself.</summary>
    private static readonly TabRule[] AllTabs =
    [
        new(new("authorities", "Authorities"), Perm.AuthorityVehicleRead),
        new(new("fleets", "Fleets"), null),
        new(new("notes", "Notes"), null),
        new(new("parts", "Parts"), null),
        new(new("pin", "PIN"), Perm.AuthorityVehicleRead),
        new(new("registration", "Registration"), null),
        new(new("sync", "Sync"), null),
        new(new("telemetry", "Telemetry"), null),
        new(new("history", "History"), Perm.AuditRead),
    ];

    private const string DefaultTab = "fleets";

    private Arc.Domain.Vehicles.VehicleDetail? _vehicle;
    private string? _message;
    private bool _denied;
    private bool _notFound;
    private string? _loadedVin;
    private TabInfo[] _tabs = [];
    private int _activeIndex;
    private string? _unknownTab;
    private bool _canList;

    [Parameter] public string Vin { get; set; } = "";
    [SupplyParameterFromQuery(Name = "tab")] public string? Tab { get; set; }

    [Inject] private GetVehicle GetVehicle { get; set; } = default!;
    [Inject] private ICurrentUser CurrentUser { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private Arc.Domain.Provisioning.UnprovisionVehicle Unprovision { get; set; } = default!;
    [Inject] private MudBlazor.IDialogService Dialogs { get; set; } = default!;
    [Inject] private MudBlazor.ISnackbar Snackbar { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;

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

    private string? Subtitle => _vehicle is null ? null : $"{_vehicle.ModelName ?? "Vehicle"} · {_vehicle.ReleaseDescription ?? "no model release"}";

    public static IReadOnlyList<string> TabKeys => AllTabs.Select(t => t.Tab.Key).ToList();

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
            _tabs = AllTabs.Where(t => t.Permission is null || held.Contains(t.Permission)).Select(t => t.Tab).ToArray();
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
        var fallback = Math.Max(0, Array.FindIndex(_tabs, t => t.Key == DefaultTab));
        if (string.IsNullOrEmpty(key))
        {
            _activeIndex = fallback;
            return;
        }
        var index = Array.FindIndex(_tabs, t => t.Key == key);
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
        var uri = Navigation.GetUriWithQueryParameter("tab", _tabs[index].Key);
        Navigation.NavigateTo(uri, new NavigationOptions { ReplaceHistoryEntry = true });
    }
}
