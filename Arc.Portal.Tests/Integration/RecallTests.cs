using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Recalls;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Recall campaigns and their remedies on the real database: written, refused with a reason, audited, stamped.</summary>
public sealed class RecallTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static string NewNumber() =>
        $"{Random.Shared.Next(0, 26):D2}{"VETC"[Random.Shared.Next(4)]}-{Random.Shared.Next(1, 1000):D3}";

    private static RecallDraft Draft(string? number = null) =>
        new("Brake line fittings", "Fittings may loosen over time.", number ?? NewNumber(), "AR-2023-07", null, true, "Loss of rear braking.",
            "Service brakes", new DateOnly(2023, 11, 20), new DateOnly(2023, 11, 27), null, DoNotDrive: true);

    private async Task<AsyncServiceScope> AsRecallAdminAsync(params string[] permissions)
    {
        var username = await portal.CreateUserAsync($"recalls-{Guid.NewGuid():N}@arc.test");
        await portal.AddToGroupAsync(username, await portal.CreateGroupAsync($"recalls {Guid.NewGuid():N}",
            permissions.Length > 0 ? permissions : [Perm.RecallCreate, Perm.RecallEdit, Perm.RecallDelete, Perm.RecallRead]));
        return await portal.AsUserAsync(username);
    }

    private async Task<(int Recalls, int Remedies, int Audit, int Stamps)> CountsAsync()
    {
        await using var db = portal.CreateDb();
        return (await db.Set<Recall>().CountAsync(), await db.Set<RecallRemedy>().CountAsync(), await db.AuditSet.CountAsync(),
            await db.Set<RecallDataUpdate>().CountAsync());
    }

    [Fact]
    public async Task A_recall_is_created_edited_given_a_remedy_and_deleted_with_each_step_audited_and_stamped()
    {
        await using var scope = await AsRecallAdminAsync();
        var sp = scope.ServiceProvider;
        var before = await CountsAsync();
        var id = await sp.GetRequiredService<CreateRecall>().HandleAsync(Draft());
        var read = (await sp.GetRequiredService<GetRecall>().HandleAsync(id)).Recall;
        Assert.Equal((9, "USA", true, true), (read.NhtsaNumber.Length, read.Country, read.SafetyRecall, read.DoNotDrive));

        await sp.GetRequiredService<EditRecall>().HandleAsync(id, RecallDraft.Of(read) with { Title = "Rear brake line fittings", SafetyRecall = false }, read.Version);
        var edited = (await sp.GetRequiredService<GetRecall>().HandleAsync(id)).Recall;
        Assert.Equal(("Rear brake line fittings", (string?)null), (edited.Title, edited.SafetyDescription));
        await Assert.ThrowsAsync<ValidationFailedException>(() => sp.GetRequiredService<EditRecall>().HandleAsync(id, RecallDraft.Of(edited), edited.Version));

        await sp.GetRequiredService<CreateRemedy>().HandleAsync(id, "Replace both fittings.", RemedyType.DealerRepair);
        await Assert.ThrowsAsync<ValidationFailedException>(() => sp.GetRequiredService<CreateRemedy>().HandleAsync(id, "Another", RemedyType.OverTheAir));
        await sp.GetRequiredService<EditRemedy>().HandleAsync(id, "Replace both fittings and bleed.", RemedyType.Both);
        var remedy = (await sp.GetRequiredService<GetRecall>().HandleAsync(id)).Remedy!;
        Assert.Equal(("Replace both fittings and bleed.", RemedyType.Both), (remedy.Description, remedy.Type));

        var listed = await sp.GetRequiredService<ListRecalls>().HandleAsync(new RecallQuery(read.NhtsaNumber[..6]));
        Assert.Contains(listed, v => v.Recall.Id == id && v.Remedy != null);
        Assert.Contains(await sp.GetRequiredService<ListRecalls>().HandleAsync(new RecallQuery("AR-2023")), v => v.Recall.Id == id);
        Assert.DoesNotContain(await sp.GetRequiredService<ListRecalls>().HandleAsync(new RecallQuery(SafetyOnly: true)), v => v.Recall.Id == id);

        await sp.GetRequiredService<DeleteRemedy>().HandleAsync(id);
        await sp.GetRequiredService<DeleteRecall>().HandleAsync(id);
        Assert.DoesNotContain(await sp.GetRequiredService<ListRecalls>().HandleAsync(new RecallQuery()), v => v.Recall.Id == id);
        Assert.Contains(await sp.GetRequiredService<ListRecalls>().HandleAsync(new RecallQuery(IncludeDeleted: true)), v => v.Recall.Id == id);
        Assert.Equal(RecallStatus.Deleted, (await sp.GetRequiredService<GetRecall>().HandleAsync(id)).Recall.Status);
        await Assert.ThrowsAsync<NotFoundException>(() => sp.GetRequiredService<DeleteRecall>().HandleAsync(id));

        var after = await CountsAsync();
        Assert.Equal((1, 0), (after.Recalls - before.Recalls, after.Remedies - before.Remedies));
        Assert.True(after.Stamps - before.Stamps >= 6);
        await using var db = portal.CreateDb();
        var actions = await db.AuditSet.Where(e => e.EntityType == RecallAuditActions.RecallEntity && e.EntityId == id.ToString()).Select(e => e.Action).ToListAsync();
        Assert.Equal(
            new[] { RecallAuditActions.Created, RecallAuditActions.Edited, RecallAuditActions.RemedyCreated, RecallAuditActions.RemedyEdited,
                RecallAuditActions.RemedyDeleted, RecallAuditActions.Deleted }.Order(),
            actions.Order());
    }

    [Fact]
    public async Task Bad_input_is_refused_with_its_field_and_changes_nothing()
    {
        await using var scope = await AsRecallAdminAsync();
        var sp = scope.ServiceProvider;
        var create = sp.GetRequiredService<CreateRecall>();
        var before = await CountsAsync();
        Assert.Equal("title", Assert.Single((await Assert.ThrowsAsync<ValidationFailedException>(() => create.HandleAsync(Draft() with { Title = "" }))).Errors).Key);
        Assert.Equal("description", Assert.Single((await Assert.ThrowsAsync<ValidationFailedException>(() =>
            create.HandleAsync(Draft() with { Description = new string('d', Recall.MaxDescriptionLength + 1) }))).Errors).Key);
        Assert.Equal("nhtsaNumber", Assert.Single((await Assert.ThrowsAsync<ValidationFailedException>(() =>
            create.HandleAsync(Draft("23Q-862")))).Errors).Key);
        Assert.Equal("safetyDescription", Assert.Single((await Assert.ThrowsAsync<ValidationFailedException>(() =>
            create.HandleAsync(Draft() with { SafetyDescription = null }))).Errors).Key);
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => sp.GetRequiredService<EditRecall>().HandleAsync(987_654, Draft()));
        Assert.Equal("Recall '987654' does not exist.", missing.Message);
        await Assert.ThrowsAsync<NotFoundException>(() => sp.GetRequiredService<CreateRemedy>().HandleAsync(987_654, "Fix it", RemedyType.OverTheAir));
        await Assert.ThrowsAsync<ValidationFailedException>(() => sp.GetRequiredService<ListRecalls>().HandleAsync(new RecallQuery(new string('s', 101))));
        Assert.Equal(before, await CountsAsync());

        var number = NewNumber();
        await create.HandleAsync(Draft(number));
        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() => create.HandleAsync(Draft(number.Replace("-", "", StringComparison.Ordinal) + "000")));
        Assert.Contains("exists already", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_two_people_edit_at_once_the_second_save_is_refused_and_changes_nothing()
    {
        await using var scope = await AsRecallAdminAsync();
        var sp = scope.ServiceProvider;
        var id = await sp.GetRequiredService<CreateRecall>().HandleAsync(Draft());
        var page = (await sp.GetRequiredService<GetRecall>().HandleAsync(id)).Recall;
        await sp.GetRequiredService<EditRecall>().HandleAsync(id, RecallDraft.Of(page) with { Title = "First editor" }, page.Version);
        await Assert.ThrowsAsync<ConflictException>(() =>
            sp.GetRequiredService<EditRecall>().HandleAsync(id, RecallDraft.Of(page) with { Title = "Second editor" }, page.Version));
        Assert.Equal("First editor", (await sp.GetRequiredService<GetRecall>().HandleAsync(id)).Recall.Title);
    }

    [Fact]
    public async Task A_reader_lists_and_reads_but_cannot_change()
    {
        int id;
        await using (var admin = await AsRecallAdminAsync())
            id = await admin.ServiceProvider.GetRequiredService<CreateRecall>().HandleAsync(Draft());
        await using var scope = await AsRecallAdminAsync(Perm.RecallRead);
        var sp = scope.ServiceProvider;
        Assert.Equal(id, (await sp.GetRequiredService<GetRecall>().HandleAsync(id)).Recall.Id);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => sp.GetRequiredService<DeleteRecall>().HandleAsync(id));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => sp.GetRequiredService<CreateRemedy>().HandleAsync(id, "Fix", RemedyType.Both));
    }
}
