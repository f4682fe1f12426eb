using Arc.Domain.Alarms;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>AcknowledgeAlarm's row of the authorization matrix. Alarm 987654321 does not exist.</summary>
public sealed class AcknowledgeAlarmEntry : MatrixEntry<AcknowledgeAlarm>
{
    public override string Requirement => Perm.AlarmAcknowledge;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<AcknowledgeAlarm>().HandleAsync(987_654_321);
}
