using Arc.Domain.Provisioning;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Integration;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>A portal whose provisioning can be made to fail at a chosen step, with a browser.</summary>
public sealed class PortalWithStepFaults : IAsyncLifetime
{
    public StepFault Fault { get; } = new();
    public PortalAndBrowser Inner { get; } = new();

    public Task InitializeAsync()
    {
        Inner.Portal.ConfigureServices = services => services.AddSingleton<IProvisioningFaults>(Fault);
        return Inner.InitializeAsync();
    }

    public Task DisposeAsync() => Inner.DisposeAsync();
}

[Trait("Category", "Browser")]
public sealed class BulkRetryBrowserTests(PortalWithStepFaults fixture, ITestOutputHelper output) : IClassFixture<PortalWithStepFaults>
{
    [Fact]
    public async Task Rows_that_failed_during_an_outage_are_retried_from_the_job_page()
    {
        var vins = Enumerable.Range(0, 3).Select(i => DemoData.MakeVin('T', 'P', 83_000 + i)).ToList();
        var csv = "vin,model_release_id\n" + string.Join("\n", vins.Select(v => $"{v},3")) + "\n";
        var page = await fixture.Inner.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("vehicles/provision/bulk");
        await Expect(page.GetByTestId("no-bulk-jobs").Or(page.GetByTestId("bulk-jobs"))).ToBeVisibleAsync();
        await page.GetByTestId("bulk-file").ChooseFileAsync(new FilePayload { Name = "outage.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await Expect(page.GetByTestId("count-total")).ToHaveTextAsync("3");

        // The PIN service is down while the job runs: every row fails at that step and is rolled back.
        fixture.Fault.FailAt = "factory_pin_generate";
        try
        {
            await page.GetByTestId("bulk-start").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Provision" }).ClickAsync();
            await Expect(page.GetByTestId("count-failed")).ToHaveTextAsync("3", new() { Timeout = 30_000 });
        }
        finally
        {
            fixture.Fault.FailAt = null;
        }
        await Expect(page.GetByTestId("row-2")).ToContainTextAsync("factory_pin_generate");
        await Expect(page.Locator("[data-status=finished]")).ToHaveTextAsync("finished, 3 failed");
        await Expect(page.GetByTestId("bulk-download")).ToHaveCountAsync(0);
        await PortalAndBrowser.ScreenshotAsync(page, "bulk-failed-rows");

        // Once it is back, one click runs the failed rows again and they succeed.
        await page.GetByTestId("bulk-retry").ClickAsync();
        await Expect(page.GetByText("3 rows queued again.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("count-succeeded")).ToHaveTextAsync("3", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("count-failed")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("bulk-retry")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-status=finished]")).ToHaveTextAsync("finished");
        await Expect(page.GetByTestId("bulk-download")).ToContainTextAsync("Download 3 identity files");
        await PortalAndBrowser.ScreenshotAsync(page, "bulk-retried");

        // The failures were logged by the job as the outage they were; nothing else went wrong.
        var errors = fixture.Inner.Portal.Log.Errors.Where(e => !e.Contains("injected failure at factory_pin_generate", StringComparison.Ordinal)).ToList();
        foreach (var entry in errors)
            output.WriteLine(entry);
        Assert.Empty(errors);
    }
}
