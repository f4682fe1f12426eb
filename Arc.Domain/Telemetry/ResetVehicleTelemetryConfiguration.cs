using Arc.Domain.Common;
using Arc.Domain.Provisioning;

namespace Arc.Domain.Telemetry;

/// <summary>Puts a vehicle back on the 16 default points of provisioning: a save of those points, with the save's checks.</summary>
public sealed class ResetVehicleTelemetryConfiguration(SaveVehicleTelemetryConfiguration save) : IUseCase
{
    /// <param name="rowVersion"><see cref="TelemetryConfig.RowVersion"/> as the caller's page read it.</param>
    public Task HandleAsync(string vinText, string version, uint? rowVersion = null, CancellationToken ct = default) =>
        save.HandleAsync(vinText, version, ProvisionVehicle.DefaultTelemetryPoints.ToList(), rowVersion, ct);
}
