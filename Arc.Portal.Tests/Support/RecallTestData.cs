using Arc.Domain.Recalls;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Support;

/// <summary>Recall campaigns for page tests, made through the use cases as the administrator.</summary>
public static class RecallTestData
{
    /// <summary>A campaign number in its short form (<c>19V-417</c>); a year up to 2026 so none lies in the future.</summary>
    public static string NewNumber() => $"{Random.Shared.Next(0, 27):D2}{"VETC"[Random.Shared.Next(4)]}-{Random.Shared.Next(1, 1000):D3}";

    public static RecallDraft Draft(string title, string? number = null) =>
        new(title, "Fittings may loosen over time and leak brake fluid.", number ?? NewNumber(), "AR-2023-07", null, true,
            "Loss of rear braking raises the risk of a crash.", "Service brakes", new DateOnly(2023, 11, 20), new DateOnly(2023, 11, 27));

    /// <summary>A campaign number no recall in the test database holds yet.</summary>
    public static async Task<string> FreeNumberAsync(PortalServer portal)
    {
        await using var db = portal.CreateDb();
        while (true)
        {
            var number = NewNumber();
            var stored = NhtsaCampaignNumber.Parse(number, DateTime.UtcNow.Year);
            if (!await db.Set<Recall>().AnyAsync(r => r.NhtsaNumber == stored))
                return number;
        }
    }

    /// <summary>Creates a recall and, if asked, its remedy; answers its id and stored campaign number.</summary>
    public static async Task<(int Id, string Number)> CreateAsync(PortalServer portal, string title, RemedyType? remedy = null)
    {
        var number = await FreeNumberAsync(portal);
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        var sp = scope.ServiceProvider;
        var id = await sp.GetRequiredService<CreateRecall>().HandleAsync(Draft(title, number));
        if (remedy is { } type)
            await sp.GetRequiredService<CreateRemedy>().HandleAsync(id, "Replace both fittings and bleed the brakes.", type);
        return (id, NhtsaCampaignNumber.Parse(number, DateTime.UtcNow.Year));
    }
}
