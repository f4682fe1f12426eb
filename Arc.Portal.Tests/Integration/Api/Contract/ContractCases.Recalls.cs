using Arc.Domain.Recalls;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Api.Contract;

/// <summary>The cases of <c>/api/v1/recalls</c> and a recall's remedy, each on a recall of its own.</summary>
public static partial class ContractCases
{
    private const string Recalls = "api/v1/recalls";
    private const string RecallRace = "RecallTests.When_two_people_edit_at_once_the_second_save_is_refused_and_changes_nothing";
    private const string RemedyBody = """{"description": "Replace both fittings.", "type": "DealerRepair"}""";

    private static Dictionary<string, ContractCase> RecallCases() => new()
    {
        ["ListRecalls"] = new(async portal =>
            {
                await NewRecallAsync(portal);
                return Call("GET", Recalls + "?search=Contract&includeDeleted=true");
            },
            Errors((400, Ready("GET", Recalls + "?safetyOnly=maybe")))),
        ["GetRecall"] = new(async portal => Call("GET", $"{Recalls}/{(await NewRecallAsync(portal)).Id}"),
            Errors((400, Ready("GET", Recalls + "/abc")))),
        ["CreateRecall"] = new(CreateRecallAsync,
            Errors(
                (400, Ready("POST", Recalls, """{"title": "x", "description": "y", "nhtsaNumber": "not a number"}""")),
                (422, async portal => await KeyReused(CreateRecallAsync, await RecallJsonAsync(portal, "Another recall"))(portal))),
            Shown((409, StillRunning))),
        ["EditRecall"] = new(async portal =>
            {
                var (id, etag) = await NewRecallAsync(portal);
                return Call("PUT", $"{Recalls}/{id}", await RecallJsonAsync(portal, "Contract recall edited"), etag);
            },
            Errors(
                (400, async portal => Call("PUT", $"{Recalls}/{(await NewRecallAsync(portal)).Id}", await RecallJsonAsync(portal, "Contract"), MalformedTag)),
                (412, async portal => Call("PUT", $"{Recalls}/{(await NewRecallAsync(portal)).Id}", await RecallJsonAsync(portal, "Contract"), StaleTag))),
            Shown((409, SavedMeanwhile(RecallRace)))),
        ["DeleteRecall"] = new(async portal => Call("DELETE", $"{Recalls}/{(await NewRecallAsync(portal)).Id}"),
            Errors((400, Ready("DELETE", Recalls + "/abc"))),
            Shown((409, RecallRace + " (a delete meeting someone's save of the same recall is refused as that edit is)"))),
        ["GetRecallRemedy"] = new(async portal => Call("GET", $"{Recalls}/{await RecallWithRemedyAsync(portal)}/remedy"),
            Errors((400, Ready("GET", Recalls + "/abc/remedy")))),
        ["CreateRecallRemedy"] = new(CreateRemedyAsync,
            Errors(
                (400, async portal => Call("POST", $"{Recalls}/{await RecallWithRemedyAsync(portal)}/remedy", RemedyBody)),
                (404, Ready("POST", Recalls + "/987654321/remedy", RemedyBody)),
                (422, KeyReused(CreateRemedyAsync, """{"description": "Another remedy.", "type": "Both"}"""))),
            Shown((409, StillRunning))),
        ["EditRecallRemedy"] = new(async portal =>
            {
                var id = await RecallWithRemedyAsync(portal);
                return Call("PUT", $"{Recalls}/{id}/remedy", """{"description": "Replace the fittings.", "type": "Both"}""",
                    await ETagAsync(portal, $"{Recalls}/{id}/remedy"));
            },
            Errors(
                (400, async portal => Call("PUT", $"{Recalls}/{await RecallWithRemedyAsync(portal)}/remedy", """{"description": "x", "type": "Teleport"}""")),
                (412, async portal => Call("PUT", $"{Recalls}/{await RecallWithRemedyAsync(portal)}/remedy", RemedyBody, StaleTag))),
            Shown((409, SavedMeanwhile(RecallRace)))),
        ["DeleteRecallRemedy"] = new(async portal => Call("DELETE", $"{Recalls}/{await RecallWithRemedyAsync(portal)}/remedy"),
            Errors((400, Ready("DELETE", Recalls + "/abc/remedy")))),
    };

    private static async Task<string> RecallJsonAsync(ContractPortal portal, string title) => Json(new
    {
        title, description = "Fittings may loosen.", nhtsaNumber = await RecallTestData.FreeNumberAsync(portal.Portal), component = "Service brakes",
        determinationDate = "2023-11-20",
    });

    private static async Task<ContractRequest> CreateRecallAsync(ContractPortal portal) => Create(Recalls, await RecallJsonAsync(portal, Unique("Contract recall")));

    private static async Task<ContractRequest> CreateRemedyAsync(ContractPortal portal) =>
        Create($"{Recalls}/{(await NewRecallAsync(portal)).Id}/remedy", RemedyBody);

    private static async Task<(int Id, string ETag)> NewRecallAsync(ContractPortal portal)
    {
        var (body, etag) = await SetUpAsync(portal, "POST", Recalls, await RecallJsonAsync(portal, Unique("Contract recall")));
        return (body.GetProperty("recall").GetProperty("id").GetInt32(), etag!);
    }

    private static async Task<int> RecallWithRemedyAsync(ContractPortal portal) =>
        (await RecallTestData.CreateAsync(portal.Portal, Unique("Contract recall"), RemedyType.DealerRepair)).Id;
}
