using Arc.Domain.Sagas;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning.Steps;

public sealed record VehicleOptionsState(IReadOnlyDictionary<string, string> Previous);

/// <summary>vehicles_options_set: heated seats, heated grips and stereo as the vehicle's options.</summary>
public sealed class SetVehicleOptions : SagaStep<ProvisioningContext, VehicleOptionsState>
{
    public const string Section = "options";

    public override string Name => "vehicles_options_set";

    protected override async Task<(VehicleOptionsState, bool)> RunAsync(ProvisioningContext context, StepWork work, CancellationToken ct)
    {
        var options = await work.Data.ListAsync(work.Data.VehicleMeta.Where(m => m.Vin == context.Vin && m.Section == Section), ct);
        var previous = options.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        foreach (var (key, value) in Values(context.RequireRequest().Options))
        {
            var option = options.FirstOrDefault(o => o.Key == key);
            if (option is null)
                work.Data.Add(new VehicleMeta { Vin = context.Vin, Section = Section, Key = key, Value = value });
            else
                option.Value = value;
        }
        return (new(previous), false);
    }

    protected override async Task UndoAsync(ProvisioningContext context, StepWork work, VehicleOptionsState state, CancellationToken ct)
    {
        var options = await work.Data.ListAsync(work.Data.VehicleMeta.Where(m => m.Vin == context.Vin && m.Section == Section), ct);
        foreach (var option in options)
        {
            if (state.Previous.TryGetValue(option.Key, out var value))
                option.Value = value;
            else
                work.Data.Remove(option);
        }
        foreach (var (key, value) in state.Previous.Where(p => options.All(o => o.Key != p.Key)))
            work.Data.Add(new VehicleMeta { Vin = context.Vin, Section = Section, Key = key, Value = value });
    }

    private static IEnumerable<(string Key, string Value)> Values(VehicleOptions options) =>
    [
        ("heated_seats", options.HeatedSeats ? "true" : "false"),
        ("heated_grips", options.HeatedGrips ? "true" : "false"),
        ("stereo_enabled", options.StereoEnabled ? "true" : "false"),
    ];
}
