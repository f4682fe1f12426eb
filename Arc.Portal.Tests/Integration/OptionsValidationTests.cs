using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration;

public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Portal:Outbox:BatchSize", "0", "BatchSize")]
    [InlineData("Portal:Sagas:Lease", "00:00:00", "Lease")]
    [InlineData("Jobs:WorkerCount", "0", "WorkerCount")]
    [InlineData("Aws:Region", "Oregon", "Region")]
    public async Task A_portal_with_an_invalid_setting_does_not_start_and_says_which(string setting, string value, string member)
    {
        var portal = new PortalServer();
        portal.Settings[setting] = value;
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(portal.InitializeAsync);
            var validation = error as Microsoft.Extensions.Options.OptionsValidationException
                ?? (error as AggregateException)?.InnerExceptions.OfType<Microsoft.Extensions.Options.OptionsValidationException>().Single();
            Assert.NotNull(validation);
            Assert.Contains($"'{member}'", validation.Message, StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                await portal.DisposeAsync();
            }
            catch (Exception)
            {
                // A host that never started cannot be stopped; its database and mailbox are the test run's to clear.
            }
        }
    }
}
