using System.Globalization;
using System.Text;
using Arc.Domain.Changes;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Telemetry;
using Arc.Portal.Components.Shared;
using Arc.Portal.Components.Vehicles;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Arc.Portal.Components.Telemetry;

/// <summary>The telemetry tab of a vehicle: live status cards, one point's history over a chosen range, and its exports.</summary>
public partial class VehicleTelemetryTab
{
    public static VehicleTab Tab { get; } = new("telemetry", "Telemetry", 80);

    private static readonly (string Label, TimeSpan Length)[] Presets =
        [("1h", TimeSpan.FromHours(1)), ("24h", TimeSpan.FromDays(1)), ("7d", TimeSpan.FromDays(7)), ("30d", TimeSpan.FromDays(30))];

    private TelemetryStatus? _status;
    private IReadOnlyList<ExportView> _exports = [];
    private IReadOnlyList<string> _points = [];
    private string? _point;
    private (DateTimeOffset From, DateTimeOffset To) _range;
    private TelemetrySeries? _series;
    private string? _error;

    [Parameter, EditorRequired] public string Vin { get; set; } = "";

    [Inject] private GetVehicleTelemetry Telemetry { get; set; } = default!;
    [Inject] private ListChartableTelemetryPoints ChartablePoints { get; set; } = default!;
    [Inject] private GetTelemetrySeries Series { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private RequestTelemetryExport RequestExport { get; set; } = default!;
    [Inject] private ListTelemetryExports Exports { get; set; } = default!;

    private string? FirstPoint => _points.Count > 0 ? _points[0] : null;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _status = await Telemetry.HandleAsync(Vin);
            _points = await ChartablePoints.HandleAsync(Vin);
            _exports = await Exports.HandleAsync(Vin);
            _point = _points.Contains("bms_pack_soc") ? "bms_pack_soc" : FirstPoint;
            await RangeChangedAsync(RangePicker.Ending(Time, TimeSpan.FromDays(1)));
        }
        catch (DomainException e)
        {
            _error = Errors.Describe(e);
        }
    }

    /// <summary>The cards follow the vehicle as it reports.</summary>
    private async Task StatusChangedAsync()
    {
        try
        {
            _status = await Telemetry.HandleAsync(Vin);
        }
        catch (DomainException)
        {
            // A failed refresh keeps the last cards; the next report tries again.
        }
    }

    /// <summary>GPS recording switched: the position card shows or hides the position, and the chartable points follow.</summary>
    private async Task SettingsChangedAsync()
    {
        await StatusChangedAsync();
        try
        {
            await PointsSavedAsync();
        }
        catch (DomainException)
        {
            // The points stay as they were until the next change.
        }
    }

    private async Task ExportsChangedAsync() => _exports = await Exports.HandleAsync(Vin);

    private async Task PointsSavedAsync()
    {
        _points = await ChartablePoints.HandleAsync(Vin);
        if (_point is not null && !_points.Contains(_point))
        {
            _point = FirstPoint;
            await LoadSeriesAsync();
        }
    }

    private async Task PointChanged(string point)
    {
        _point = point;
        await LoadSeriesAsync();
    }

    private async Task RangeChangedAsync((DateTimeOffset From, DateTimeOffset To) range)
    {
        _range = range;
        await LoadSeriesAsync();
    }

    private async Task LoadSeriesAsync()
    {
        if (_point is null)
            return;
        _error = null;
        try
        {
            _series = await Series.HandleAsync(Vin, _point, _range.From, _range.To);
        }
        catch (DomainException e)
        {
            _error = Errors.Describe(e);
        }
    }

    /// <summary>Queues an export of the raw rows of the chosen point over the chosen range (made in the background).</summary>
    private async Task RawExportAsync()
    {
        _error = null;
        try
        {
            await RequestExport.HandleAsync(Vin, [_point!], _range.From, _range.To);
            _exports = await Exports.HandleAsync(Vin);
        }
        catch (DomainException e)
        {
            _error = Errors.Describe(e);
        }
    }

    /// <summary>Exactly the points on the chart, as CSV (time in UTC, ISO 8601).</summary>
    private Task ExportAsync()
    {
        var csv = new StringBuilder("time,").Append(_series!.Point).Append('\n');
        foreach (var point in _series.Points)
            csv.Append(point.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(',')
                .Append(point.Value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        return JS.InvokeVoidAsync("arcPortal.download", $"{Vin}-{_series.Point}.csv", csv.ToString()).AsTask();
    }

    private static string Describe(TimeSpan bucket) =>
        bucket.TotalHours >= 1 ? $"{bucket.TotalHours:0.#} h" : bucket.TotalMinutes >= 1 ? $"{bucket.TotalMinutes:0.#} min" : $"{bucket.TotalSeconds:0} s";
}
