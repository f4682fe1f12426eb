using System.Globalization;
using Arc.Domain.Common;
using Arc.Domain.Trips;
using Arc.Portal.Components.Shared;
using Arc.Portal.Components.Vehicles;
using Microsoft.AspNetCore.Components;

namespace Arc.Portal.Components.Trips;

/// <summary>The trips tab of a vehicle: its trips and stops over a chosen range, one of them on the map.</summary>
public partial class VehicleTripsTab
{
    public static VehicleTab Tab { get; } = new("trips", "Trips", 85);

    private static readonly (string Label, TimeSpan Length)[] Presets =
        [("24h", TimeSpan.FromDays(1)), ("7d", TimeSpan.FromDays(7)), ("30d", TimeSpan.FromDays(30))];

    private TripReport? _report;
    private Trip? _selected;
    private (DateTimeOffset From, DateTimeOffset To) _range;
    private string? _error;

    [Parameter, EditorRequired] public string Vin { get; set; } = "";

    [Inject] private GetVehicleTrips Trips { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override Task OnInitializedAsync() => RangeChangedAsync(RangePicker.Ending(Time, TimeSpan.FromDays(1)));

    private string Summary
    {
        get
        {
            var trips = _report!.Trips;
            var km = trips.Sum(t => t.DistanceKm);
            var driving = TimeSpan.FromTicks(trips.Sum(t => t.Duration.Ticks));
            return string.Create(CultureInfo.InvariantCulture,
                $"{trips.Count} {(trips.Count == 1 ? "trip" : "trips")} · {km:0.#} km · {Durations.Describe(driving)} driving · {_report.Stops.Count} {(_report.Stops.Count == 1 ? "stop" : "stops")} · {_range.From:yyyy-MM-dd HH:mm} to {_range.To:yyyy-MM-dd HH:mm}");
        }
    }

    private async Task RangeChangedAsync((DateTimeOffset From, DateTimeOffset To) range)
    {
        _range = range;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _error = null;
        _selected = null;
        try
        {
            _report = await Trips.HandleAsync(Vin, _range.From, _range.To);
        }
        catch (DomainException e)
        {
            _report = null;
            _error = Errors.Describe(e);
        }
    }

    private Task SelectAsync(Trip trip)
    {
        // Only a trip of the report on screen: a forged circuit message cannot name another.
        _selected = _report?.Trips.FirstOrDefault(t => t == trip);
        return Task.CompletedTask;
    }

    private string FileLink(string format, Trip? trip = null) => TripLinks.Vehicle(Vin, _range.From, _range.To, format, trip);
}
