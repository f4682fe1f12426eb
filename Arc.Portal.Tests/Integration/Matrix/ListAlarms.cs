using Arc.Domain.Alarms;
using Arc.Domain.Permissions;

namespace Arc.Portal.Tests.Integration.Matrix;

/// <summary>ListAlarms's row of the authorization matrix. Which alarms each caller sees is AlarmAccessTests' business.</summary>
public sealed class ListAlarmsEntry : MatrixEntry<ListAlarms>
{
    public override string Requirement => Perm.AlarmRead;

    public override Task InvokeAsync(IServiceProvider services) => services.GetRequiredService<ListAlarms>().HandleAsync(new AlarmQuery());
}
