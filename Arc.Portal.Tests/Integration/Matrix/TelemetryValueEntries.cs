using Arc.Domain.Permissions;
using Arc.Domain.Telemetry;

namespace Arc.Portal.Tests.Integration.Matrix;

// Latest telemetry values of one vehicle: no points at all is refused after the caller was let in.

public sealed class GetTelemetryValuesEntry : MatrixEntry<GetTelemetryValues>
{
    public override string Requirement => Perm.VehicleRead;
    public override Task InvokeAsync(IServiceProvider services) =>
        services.GetRequiredService<GetTelemetryValues>().HandleAsync("DEV-" + Arc.Infrastructure.Seeding.DemoData.MakeVin('T', 'L', 19), []);
}
