using Arc.Domain.Common;
using Arc.Domain.Intake;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Intake;

/// <summary>The intake page's filters and actions refuse bad input with a clear message and change nothing.</summary>
public sealed class IntakeQueryInputTests(PortalServer portal) : IClassFixture<PortalServer>
{
    [Fact]
    public async Task Oversized_filters_a_bad_status_paging_and_unknown_dead_letters_are_refused()
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var sp = scope.ServiceProvider;
        var longVin = new string('A', 41);

        Assert.Contains("at most 40", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            sp.GetRequiredService<ListIntakeVehicles>().HandleAsync(new IntakeVehicleQuery(longVin)))).Message, StringComparison.Ordinal);
        Assert.Contains("at most 40", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            sp.GetRequiredService<ListIntakeRefusals>().HandleAsync(new IntakeRefusalQuery(longVin)))).Message, StringComparison.Ordinal);
        Assert.Contains("waiting, redriven or discarded", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            sp.GetRequiredService<ListDeadLetters>().HandleAsync(new DeadLetterQuery("<script>")))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationFailedException>(() => sp.GetRequiredService<ListIntakeVehicles>().HandleAsync(new IntakeVehicleQuery(PageIndex: -1)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => sp.GetRequiredService<ListIntakeVehicles>().HandleAsync(new IntakeVehicleQuery(PageSize: 10_000)));
        await Assert.ThrowsAsync<NotFoundException>(() => sp.GetRequiredService<RedriveDeadLetter>().HandleAsync(-5));
        await Assert.ThrowsAsync<NotFoundException>(() => sp.GetRequiredService<DiscardDeadLetter>().HandleAsync(long.MaxValue));

        // A hostile VIN filter is a plain substring, not a pattern: it finds nothing and breaks nothing.
        var page = await sp.GetRequiredService<ListIntakeVehicles>().HandleAsync(new IntakeVehicleQuery("%' OR 1=1 --", "nonsense-sort"));
        Assert.Empty(page.Items);
    }
}
