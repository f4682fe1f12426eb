using Arc.Domain.Alarms;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>CountAlarms's row of the authorization matrix. Counts only what the caller may see.</summary>
public sealed class CountAlarmsEntry : MatrixEntry<CountAlarms>
{
    public override string Requirement => Perm.AlarmRead;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<CountAlarms>().HandleAsync();
}
