using Arc.Domain.Common;
using Arc.Domain.Telemetry;
using Arc.Domain.Vehicles;
using Arc.Portal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Arc.Portal.Components.Vehicles;

public sealed partial class VehicleList : IDisposable
{
    private ListState _list = default!;
    private VehicleFilterOptions? _options;
    private string? _vin;
    private string? _vinError;
    private string? _loadError;
    private int? _modelId;
    private int? _releaseId;
    private int? _fleetId;
    // Unknown until the first page arrives: a count of 0 while loading reads as an empty fleet.
    private int? _total;
    private int _loads;
    private Dictionary<string, Arc.Domain.Telemetry.VehicleLatestState> _states = new(StringComparer.Ordinal);

    [Inject] private ListVehicles List { get; set; } = default!;
    [Inject] private ListVehicleFilterOptions FilterOptions { get; set; } = default!;
    [Inject] private PortalEnvironment Environment { get; set; } = default!;
    [Inject] private Arc.Domain.Telemetry.GetFleetLatestState LatestState { get; set; } = default!;
    [Inject] private UserSafeErrors Errors { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private bool HasFilters => !string.IsNullOrWhiteSpace(_vin) || _modelId is not null || _releaseId is not null || _fleetId is not null;

    private string? Subtitle => _total switch { null => null, 1 => "1 vehicle", var n => $"{n:N0} vehicles" };

    /// <summary>The page's last-known telemetry, in one query for all its vehicles; the list shows without it if the store is slow or down.</summary>
    private async Task LoadStatesAsync(IReadOnlyList<string> vins, int load)
    {
        try
        {
            var states = await LatestState.HandleAsync(vins);
            if (load != _loads)
                return;
            _states = states.ToDictionary(s => s.Vin, StringComparer.Ordinal);
            await InvokeAsync(StateHasChanged);
        }
        catch (Exception e) when (e is DomainException or HttpRequestException or InvalidOperationException or ObjectDisposedException)
        {
            // Telemetry columns stay empty; the list itself is unaffected.
        }
    }

    private string Soc(string vin) => _states.TryGetValue(vin, out var s) && s.Soc is { } soc ? $"{soc:0} %" : "—";

    private string Odometer(string vin) => _states.TryGetValue(vin, out var s) && s.OdometerKm is { } km ? $"{km * Arc.Domain.Telemetry.TelemetryStatus.MilesPerKm:N0} mi" : "—";

    private string LastReport(VehicleRow row) => NewestReport(row, _states.GetValueOrDefault(row.Vin)) is { } at ? at.ToString("yyyy-MM-dd HH:mm") : "—";

    /// <summary>
    /// The intake's last seen is in the row at once and is what the column sorts by; the telemetry store's latest point
    /// arrives a moment later and also covers points that did not come through the intake (a backfilled file).
    /// </summary>
    internal static DateTimeOffset? NewestReport(VehicleRow row, VehicleLatestState? state) =>
        (row.LastSeen, state?.LastReport) switch
        {
            ({ } seen, { } latest) => seen > latest ? seen : latest,
            (var seen, var latest) => seen ?? latest,
        };

    protected override async Task OnInitializedAsync()
    {
        // The filters, sort and page live in the address (/vehicles?vin=00019&sort=created&dir=desc&page=2).
        _list = new ListState(Navigation, defaultSize: 20, defaultSort: "vin");
        _list.Changed += () => InvokeAsync(() =>
        {
            ReadFilters();
            StateHasChanged();
        });
        ReadFilters();
        try
        {
            _options = await FilterOptions.HandleAsync();
        }
        catch (DomainException e)
        {
            _loadError = Errors.Describe(e);
        }
    }

    private void ReadFilters()
    {
        _vin = _list.Text("vin");
        _modelId = _list.Number("model");
        _releaseId = _list.Number("release");
        _fleetId = _list.Number("fleet");
    }

    private ListVehiclesQuery Query(int page, int size) => new(_vin, _modelId, _releaseId, _fleetId, _list.Sort switch
    {
        "created" => VehicleSort.Created,
        "model" => VehicleSort.Model,
        "release" => VehicleSort.Release,
        "lastseen" => VehicleSort.LastSeen,
        _ => VehicleSort.Vin,
    }, _list.Descending, page, size);

    private async Task<TableData<VehicleRow>> LoadAsync(TableState state, CancellationToken ct)
    {
        _list.Record(state);
        // Only the newest load may change the page: an older one finishing late must not clear a newer error.
        var load = Interlocked.Increment(ref _loads);
        try
        {
            var page = await List.HandleAsync(Query(state.Page, state.PageSize), ct);
            if (load == _loads)
            {
                _vinError = null;
                _total = page.TotalCount;
                await InvokeAsync(StateHasChanged);
            }
            _ = LoadStatesAsync(page.Items.Select(v => v.Vin).ToList(), load);
            return new TableData<VehicleRow> { Items = page.Items, TotalItems = page.TotalCount };
        }
        catch (ValidationFailedException e) when (e.Errors.ContainsKey("vin"))
        {
            // A malformed search is shown on the field and matches nothing, rather than failing the page.
            if (load == _loads)
            {
                _vinError = e.Message;
                _total = 0;
                await InvokeAsync(StateHasChanged);
            }
            return new TableData<VehicleRow> { Items = [], TotalItems = 0 };
        }
    }

    private void VinChanged(string? vin) => _list.SetFilter("vin", vin);

    private void ClearVin() => _list.SetFilter("vin", null);

    private void ModelChanged(int? id)
    {
        _modelId = id;
        if (_releaseId is { } release && _options?.Releases.FirstOrDefault(r => r.Id == release)?.ParentId != id && id is not null)
            _releaseId = null;
        _list.SetFilters(("model", id), ("release", _releaseId));
    }

    private void ReleaseChanged(int? id)
    {
        _releaseId = id;
        _list.SetFilter("release", id);
    }

    private void FleetChanged(int? id)
    {
        _fleetId = id;
        _list.SetFilter("fleet", id);
    }

    public void Dispose() => _list?.Dispose();

    private string YearOf(string vin) =>
        Vin.TryParse(vin, Environment.Environment, out var parsed, out _) ? parsed.ModelYear.ToString(System.Globalization.CultureInfo.InvariantCulture) : "—";
}
