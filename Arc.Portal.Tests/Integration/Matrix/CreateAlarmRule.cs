using Arc.Domain.Alarms;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>CreateAlarmRule's row of the authorization matrix. A nameless rule is refused after the permission check.</summary>
public sealed class CreateAlarmRuleEntry : MatrixEntry<CreateAlarmRule>
{
    public override string Requirement => Perm.AlarmRuleWrite;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<CreateAlarmRule>().HandleAsync(new AlarmRuleDraft("", null, null));
}
