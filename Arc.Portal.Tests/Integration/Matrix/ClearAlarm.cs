using Arc.Domain.Alarms;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>ClearAlarm's row of the authorization matrix. Alarm 987654321 does not exist.</summary>
public sealed class ClearAlarmEntry : MatrixEntry<ClearAlarm>
{
    public override string Requirement => Perm.AlarmAcknowledge;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ClearAlarm>().HandleAsync(987_654_321);
}
