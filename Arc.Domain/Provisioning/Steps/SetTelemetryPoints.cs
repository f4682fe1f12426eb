using Arc.Domain.Sagas;
using Arc.Domain.Vehicles;

namespace Arc.Domain.Provisioning.Steps;

public sealed record PointSetting(string Point, string? Frequency);

public sealed record SetTelemetryPointsState(IReadOnlyList<PointSetting> Previous);

/// <summary>set_telemetry_points: the vehicle reports the default points (telemetry_points_get_defaults chose them).</summary>
public sealed class SetTelemetryPoints : SagaStep<ProvisioningContext, SetTelemetryPointsState>
{
    public override string Name => "set_telemetry_points";

    protected override async Task<(SetTelemetryPointsState, bool)> RunAsync(ProvisioningContext context, StepWork work, CancellationToken ct)
    {
        var previous = await work.Data.ListAsync(work.Data.TelemetryPoints.Where(p => p.Vin == context.Vin), ct);
        foreach (var point in previous)
            work.Data.Remove(point);
        foreach (var point in ProvisionVehicle.DefaultTelemetryPoints)
            work.Data.Add(new VehicleTelemetryPoint { Vin = context.Vin, Point = point });
        return (new(previous.Select(p => new PointSetting(p.Point, p.Frequency)).ToList()), false);
    }

    protected override async Task UndoAsync(ProvisioningContext context, StepWork work, SetTelemetryPointsState state, CancellationToken ct)
    {
        foreach (var point in await work.Data.ListAsync(work.Data.TelemetryPoints.Where(p => p.Vin == context.Vin), ct))
            work.Data.Remove(point);
        foreach (var previous in state.Previous)
            work.Data.Add(new VehicleTelemetryPoint { Vin = context.Vin, Point = previous.Point, Frequency = previous.Frequency });
    }
}

public sealed record DefaultPointsState(int Points);

/// <summary>telemetry_points_get_defaults: the default point list (fixed in this system; recorded for the run's record).</summary>
public sealed class GetDefaultTelemetryPoints : SagaStep<ProvisioningContext, DefaultPointsState>
{
    public override string Name => "telemetry_points_get_defaults";

    protected override Task<(DefaultPointsState, bool)> RunAsync(ProvisioningContext context, StepWork work, CancellationToken ct) =>
        Task.FromResult((new DefaultPointsState(ProvisionVehicle.DefaultTelemetryPoints.Count), false));

    protected override Task UndoAsync(ProvisioningContext context, StepWork work, DefaultPointsState state, CancellationToken ct) => Task.CompletedTask;
}
