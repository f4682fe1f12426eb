using Arc.Domain.Alarms;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>DeleteAlarmRule's row of the authorization matrix. Rule 987654 does not exist.</summary>
public sealed class DeleteAlarmRuleEntry : MatrixEntry<DeleteAlarmRule>
{
    public override string Requirement => Perm.AlarmRuleWrite;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<DeleteAlarmRule>().HandleAsync(987_654);
}
