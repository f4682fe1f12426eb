using Arc.Domain.Alarms;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>ListAlarmRules's row of the authorization matrix. Any holder of the alarm permission reads the rules.</summary>
public sealed class ListAlarmRulesEntry : MatrixEntry<ListAlarmRules>
{
    public override string Requirement => Perm.AlarmRead;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListAlarmRules>().HandleAsync();
}
