using Arc.Domain.Alarms;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>UpdateAlarmRule's row of the authorization matrix. Rule 987654 does not exist.</summary>
public sealed class UpdateAlarmRuleEntry : MatrixEntry<UpdateAlarmRule>
{
    public override string Requirement => Perm.AlarmRuleWrite;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<UpdateAlarmRule>().HandleAsync(987_654, new AlarmRuleDraft("x", null, null), null);
}
