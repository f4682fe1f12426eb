using Arc.Domain.Alarms;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>SetAlarmRuleEnabled's row of the authorization matrix. Rule 987654 does not exist.</summary>
public sealed class SetAlarmRuleEnabledEntry : MatrixEntry<SetAlarmRuleEnabled>
{
    public override string Requirement => Perm.AlarmRuleWrite;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<SetAlarmRuleEnabled>().HandleAsync(987_654, false);
}
