using System.Text;
using System.Text.RegularExpressions;
using Arc.Domain.Authorities;
using Arc.Domain.Users;
using Arc.Portal.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Arc.Portal.Tests.Browser;

/// <summary>Issue 13: the mail outbox and the authorities export the rows their filtered list shows.</summary>
public sealed class ListExportBrowserTests(PortalAndBrowser fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public async Task The_mail_outbox_export_holds_the_emails_the_filtered_list_shows()
    {
        await using (var scope = await Fixture.Portal.AsUserAsync(await Fixture.Portal.AdminUsernameAsync()))
        {
            var create = scope.ServiceProvider.GetRequiredService<CreateUser>();
            await create.HandleAsync(new NewUser("Export One", "mail-export-1@arc.test", null));
            await create.HandleAsync(new NewUser("Export Two", "mail-export-2@arc.test", null));
            await create.HandleAsync(new NewUser("Not Exported", "mail-other@arc.test", null));
        }
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("mail");
        var rows = page.Locator("[data-testid=mail-table] tbody tr");
        await Expect(rows.Filter(new() { HasText = "mail-other@arc.test" })).ToHaveCountAsync(1);
        await page.FillAsync("#mail-to", "mail-export-");
        await Expect(page).ToHaveURLAsync(new Regex(@"/mail\?to=mail-export-$"));
        await Expect(rows).ToHaveCountAsync(2);
        var shown = await CellsAsync(rows, 1, 2); // To, Subject

        var lines = await ListBrowserTests.ExportAsync(page);
        Assert.Equal("Queued (UTC),To,Template,Subject,Status,Attempts,Last error,Sent (UTC),Provider", lines[0]);
        Assert.Equal(shown, lines.Skip(1).Select(l => Csv(l)).Select(c => $"{c[1]}|{c[3]}").ToList());
        Assert.All(shown, row => Assert.StartsWith("mail-export-", row, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_authorities_export_holds_the_authorities_the_filtered_list_shows()
    {
        await using (var scope = await Fixture.Portal.AsUserAsync(await Fixture.Portal.AdminUsernameAsync()))
        {
            var create = scope.ServiceProvider.GetRequiredService<CreateAuthority>();
            var parent = await create.HandleAsync("Export Rentals");
            await create.HandleAsync("Export Rentals, West", parent);
        }
        var page = await Fixture.SignInAsync(PortalServer.AdminEmail, PortalServer.AdminPassword);
        await page.GotoAsync("authorities");
        await Expect(page.GetByTestId("authority-table")).ToContainTextAsync("Arcimoto, Inc.");
        await page.FillAsync("#authority-filter", "Export Rentals");
        await Expect(page).ToHaveURLAsync(new Regex(@"/authorities\?q=Export%20Rentals$"));
        var rows = page.Locator("[data-testid=authority-table] tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        var shown = await CellsAsync(rows, 0, 1, 2, 3);

        var lines = await ListBrowserTests.ExportAsync(page);
        Assert.Equal("Id,Description,Parent,Vehicles", lines[0]);
        Assert.Equal(shown, lines.Skip(1).Select(l => string.Join('|', Csv(l).Select(c => c.Length == 0 ? "—" : c))).ToList());
        Assert.Contains(shown, row => row.Contains("|Export Rentals, West|Export Rentals|", StringComparison.Ordinal));
    }

    /// <summary>The text of the given columns of each row, joined by '|'.</summary>
    private static async Task<List<string>> CellsAsync(ILocator rows, params int[] columns)
    {
        var result = new List<string>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var cells = await rows.Nth(i).Locator("td").AllInnerTextsAsync();
            result.Add(string.Join('|', columns.Select(c => cells[c].Trim())));
        }
        return result;
    }

    /// <summary>Splits one CSV line (RFC 4180 quoting) into its cells.</summary>
    private static List<string> Csv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
                cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
