using Arc.Domain.Common;
using Arc.Domain.Notes;
using Arc.Domain.Recalls;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Vehicles in recalls on the real database: added in bulk from checked lists, edited, serviced, removed, audited, noted, stamped.</summary>
public sealed class RecallVehicleTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    private Task AsAdminAsync(Func<IServiceProvider, Task> action) => AsAdminAsync(async sp => { await action(sp); return 0; });

    private Task<int> CreateRecallAsync() => AsAdminAsync(sp => RecallTestData.CreateWithRemedyAsync(sp, RecallTestData.DoNotDriveDraft()));

    private async Task<(int Entries, int Notes, int Audit, int Stamps)> CountsAsync()
    {
        await using var db = portal.CreateDb();
        return (await db.Set<RecallVehicle>().CountAsync(), await db.NoteSet.CountAsync(), await db.AuditSet.CountAsync(),
            await db.Set<RecallDataUpdate>().CountAsync());
    }

    [Fact]
    public async Task A_list_with_problems_is_refused_whole_with_every_problem_listed_and_changes_nothing()
    {
        var id = await CreateRecallAsync();
        var vins = await RecallTestData.AddVehiclesAsync(portal, 3);
        await AsAdminAsync(sp => sp.GetRequiredService<AddRecallVehicles>().HandleAsync(id, vins[2]));
        var unknown = RecallTestData.NewVin();
        var text = $"vin,owner\n{vins[0]},Smith\n{unknown},Jones\nNOTAVIN,Lee\n{vins[1]},\"=HYPERLINK(\"\"http://x\"\")\"\n{vins[2]},Kim\n{vins[0].ToLowerInvariant()},Smith";
        var before = await CountsAsync();

        var plan = await AsAdminAsync(sp => sp.GetRequiredService<PreviewRecallVehicles>().HandleAsync(id, text));
        Assert.False(plan.CanApply);
        Assert.Equal(5, plan.Problems.Count);
        Assert.Contains(plan.Problems, p => p == $"Line 3: no vehicle {unknown} is provisioned.");
        Assert.Contains(plan.Problems, p => p.StartsWith("Line 4: 'NOTAVIN'", StringComparison.Ordinal));
        Assert.Contains(plan.Problems, p => p.StartsWith("Line 5:", StringComparison.Ordinal) && p.Contains("spreadsheet formula", StringComparison.Ordinal));
        Assert.Contains(plan.Problems, p => p.StartsWith($"Line 6: {vins[2]} is in recall", StringComparison.Ordinal));
        Assert.Contains(plan.Problems, p => p == $"{vins[0]} is listed 2 times (lines 2 and 7); list it once.");

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<AddRecallVehicles>().HandleAsync(id, text)));
        Assert.Equal("The list has 5 problems; nothing was changed.", refused.Message);
        Assert.Equal(plan.Problems, refused.Errors["vins"]);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_clean_csv_adds_its_vehicles_open_with_a_note_each_one_audit_event_and_a_stamp()
    {
        var id = await CreateRecallAsync();
        var vins = await RecallTestData.AddVehiclesAsync(portal, 3);
        var before = await CountsAsync();
        var csv = "\uFEFFVIN,Dealer\r\n" + string.Join("\r\n", vins.Select(v => $"{v},\"Eugene, OR\"")) + "\r\n";

        var plan = await AsAdminAsync(sp => sp.GetRequiredService<PreviewRecallVehicles>().HandleAsync(id, csv));
        Assert.True(plan.CanApply);
        Assert.Equal(vins, plan.Vins);
        Assert.Equal(3, await AsAdminAsync(sp => sp.GetRequiredService<AddRecallVehicles>().HandleAsync(id, csv)));

        var after = await CountsAsync();
        Assert.Equal((3, 3, 1, 1), (after.Entries - before.Entries, after.Notes - before.Notes, after.Audit - before.Audit, after.Stamps - before.Stamps));
        await using var db = portal.CreateDb();
        var entries = await db.Set<RecallVehicle>().Where(v => v.RecallId == id).ToListAsync();
        Assert.All(entries, e => Assert.Equal((RecallVehicleStatus.Open, (DateOnly?)null), (e.Status, e.ServiceDate)));
        var note = await db.NoteSet.Include(n => n.Tags).SingleAsync(n => n.ObjectId == vins[1]);
        Assert.StartsWith("Vehicle added to recall ", note.Content, StringComparison.Ordinal);
        Assert.Equal(["recalls"], note.Tags.Select(t => t.TagName));
        var audit = await db.AuditSet.SingleAsync(a => a.EntityId == id.ToString() && a.Action == RecallVehicleAuditActions.Added);
        Assert.Contains(vins[0], audit.Summary, StringComparison.Ordinal);

        var page = await AsAdminAsync(sp => sp.GetRequiredService<ListRecallVehicles>().HandleAsync(new RecallVehicleQuery(id, PageSize: 2)));
        Assert.Equal((3, 2, 3), (page.Page.TotalCount, page.Page.Items.Count, page.Counts[RecallVehicleStatus.Open]));
        var found = await AsAdminAsync(sp => sp.GetRequiredService<ListRecallVehicles>().HandleAsync(new RecallVehicleQuery(id, VinSearch: vins[1][^6..].ToLowerInvariant())));
        Assert.Equal(vins[1], Assert.Single(found.Page.Items).Vin);
        foreach (var bad in new[] { new RecallVehicleQuery(id, VinSearch: "<script>"), new RecallVehicleQuery(id, VinSearch: new string('A', 40)),
                     new RecallVehicleQuery(id, PageSize: 0), new RecallVehicleQuery(id, PageIndex: -1), new RecallVehicleQuery(id, (RecallVehicleStatus)7) })
            await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<ListRecallVehicles>().HandleAsync(bad)));
        var mine = await AsAdminAsync(sp => sp.GetRequiredService<ListVehicleRecalls>().HandleAsync(vins[0]));
        Assert.Equal(id, Assert.Single(mine).RecallId);
    }

    [Fact]
    public async Task An_entry_moves_only_along_the_allowed_statuses_each_move_audited_noted_and_stamped()
    {
        var id = await CreateRecallAsync();
        var vin = (await RecallTestData.AddVehiclesAsync(portal, 1))[0];
        await AsAdminAsync(sp => sp.GetRequiredService<AddRecallVehicles>().HandleAsync(id, vin));
        Task EditAsync(RecallVehicleDraft draft, uint? version = null) =>
            AsAdminAsync(sp => sp.GetRequiredService<EditRecallVehicle>().HandleAsync(id, vin, draft, version));
        Task<RecallVehicleView> ReadAsync() => AsAdminAsync(async sp => (await sp.GetRequiredService<ListVehicleRecalls>().HandleAsync(vin)).Single());

        var other = await Assert.ThrowsAsync<ValidationFailedException>(() => EditAsync(new(RecallVehicleStatus.Unreachable, UnreachableReason: UnreachableReason.Other)));
        Assert.True(other.Errors.ContainsKey("reasonNote"));
        var first = await ReadAsync();
        await EditAsync(new(RecallVehicleStatus.Unreachable, UnreachableReason: UnreachableReason.Other, ReasonNote: "Sold at auction abroad"), first.Version);
        await Assert.ThrowsAsync<ConflictException>(() => EditAsync(new(RecallVehicleStatus.Open), first.Version));
        await EditAsync(new(RecallVehicleStatus.Remedied, new DateOnly(2024, 3, 1), "WO-1183"));
        var remedied = await ReadAsync();
        Assert.Equal((RecallVehicleStatus.Remedied, new DateOnly(2024, 3, 1), "WO-1183", (UnreachableReason?)null),
            (remedied.Status, remedied.ServiceDate, remedied.ServiceReference, remedied.UnreachableReason));
        var wrongMove = await Assert.ThrowsAsync<ValidationFailedException>(() => EditAsync(new(RecallVehicleStatus.Inspected, new DateOnly(2024, 3, 2))));
        Assert.Contains("reopen it first", wrongMove.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationFailedException>(() => EditAsync(new(RecallVehicleStatus.Remedied, new DateOnly(2024, 3, 1), "WO-1183")));
        await Assert.ThrowsAsync<ValidationFailedException>(() => EditAsync(new(RecallVehicleStatus.Remedied, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5))));
        await Assert.ThrowsAsync<ValidationFailedException>(() => EditAsync(new(RecallVehicleStatus.Remedied, new DateOnly(2024, 3, 1), "WO\u202E-1183")));
        await EditAsync(new(RecallVehicleStatus.Open));

        await using var db = portal.CreateDb();
        Assert.Equal(3, await db.AuditSet.CountAsync(a => a.EntityId == id.ToString() && a.Action == RecallVehicleAuditActions.Edited));
        var notes = await db.NoteSet.Where(n => n.ObjectId == vin).OrderBy(n => n.NoteId).Select(n => n.Content).ToListAsync();
        Assert.Equal(4, notes.Count);
        Assert.EndsWith("marked remedied on 2024-03-01, reference WO-1183", notes[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Servicing_many_is_all_or_none_and_a_removed_vehicle_leaves_the_recall_with_a_note()
    {
        var id = await CreateRecallAsync();
        var vins = await RecallTestData.AddVehiclesAsync(portal, 4);
        await AsAdminAsync(sp => sp.GetRequiredService<AddRecallVehicles>().HandleAsync(id, string.Join("\n", vins[..3])));
        var before = await CountsAsync();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(sp => sp.GetRequiredService<ServiceRecallVehicles>().HandleAsync(id, $"{vins[0]} {vins[3]}", null, "WO-7")));
        var number = (await AsAdminAsync(sp => sp.GetRequiredService<GetRecall>().HandleAsync(id))).Recall.NhtsaNumber;
        Assert.Equal([$"Line 1: {vins[3]} is not in recall {number}."], refused.Errors["vins"]);
        Assert.Equal(before, await CountsAsync());

        Assert.Equal(2, await AsAdminAsync(sp => sp.GetRequiredService<ServiceRecallVehicles>().HandleAsync(id, $"{vins[0]}, {vins[1]}", new DateOnly(2024, 5, 2), "WO-7")));
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(sp => sp.GetRequiredService<ServiceRecallVehicles>().HandleAsync(id, vins[1])));
        Assert.Equal($"Line 1: {vins[1]} was remedied on 2024-05-02 already.", Assert.Single(again.Errors["vins"]));
        var page = await AsAdminAsync(sp => sp.GetRequiredService<ListRecallVehicles>().HandleAsync(new RecallVehicleQuery(id, RecallVehicleStatus.Remedied)));
        Assert.Equal(vins[..2].Order(), page.Page.Items.Select(v => v.Vin));
        Assert.Equal((2, 1), (page.Counts[RecallVehicleStatus.Remedied], page.Counts[RecallVehicleStatus.Open]));

        await AsAdminAsync(sp => sp.GetRequiredService<RemoveRecallVehicle>().HandleAsync(id, vins[2]));
        await Assert.ThrowsAsync<NotFoundException>(() => AsAdminAsync(sp => sp.GetRequiredService<RemoveRecallVehicle>().HandleAsync(id, vins[2])));
        var after = await CountsAsync();
        Assert.Equal((-1, 3, 2, 2), (after.Entries - before.Entries, after.Notes - before.Notes, after.Audit - before.Audit, after.Stamps - before.Stamps));
        await using var db = portal.CreateDb();
        Assert.True(await db.NoteSet.AnyAsync(n => n.ObjectId == vins[2] && n.Content.StartsWith("Vehicle removed from recall")));
    }

    [Fact]
    public async Task Lists_beyond_a_query_chunk_are_added_in_one_save_and_oversized_or_hostile_input_is_refused()
    {
        var id = await CreateRecallAsync();
        var vins = await RecallTestData.AddVehiclesAsync(portal, RecallVehicleRules.QueryChunk + 500);
        Assert.Equal(vins.Count, await AsAdminAsync(sp => sp.GetRequiredService<AddRecallVehicles>().HandleAsync(id, "vin\n" + string.Join("\n", vins))));
        await using (var db = portal.CreateDb())
            Assert.Equal(vins.Count, await db.Set<RecallVehicle>().CountAsync(v => v.RecallId == id));
        var already = await AsAdminAsync(sp => sp.GetRequiredService<PreviewRecallVehicles>().HandleAsync(id, string.Join("\n", vins)));
        Assert.Equal(vins.Count, already.Problems.Count);

        var before = await CountsAsync();
        var tooMany = string.Join("\n", Enumerable.Repeat("X", RecallVinList.MaxVins + 1));
        Assert.Contains("at most 100000", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(sp => sp.GetRequiredService<AddRecallVehicles>().HandleAsync(id, tooMany)))).Message, StringComparison.Ordinal);
        var tooBig = new string('A', RecallVinList.MaxBytes + 1);
        Assert.Contains("KB", (await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync(sp => sp.GetRequiredService<AddRecallVehicles>().HandleAsync(id, tooBig)))).Message, StringComparison.Ordinal);
        foreach (var hostile in new[] { "", "   ", "'; DELETE FROM main.vehicle_recalls; --", "<script>alert(1)</script>", "@SUM(1+1)", "\t=cmd", "\"unclosed" })
            await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<AddRecallVehicles>().HandleAsync(id, hostile)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(sp => sp.GetRequiredService<RemoveRecallVehicle>().HandleAsync(id, "' OR 1=1 --")));
        await Assert.ThrowsAsync<NotFoundException>(() => AsAdminAsync(sp => sp.GetRequiredService<AddRecallVehicles>().HandleAsync(999_999, vins[0])));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Two_adds_of_the_same_vin_at_once_leave_one_entry_and_the_loser_changes_nothing()
    {
        var id = await CreateRecallAsync();
        var vin = (await RecallTestData.AddVehiclesAsync(portal, 1))[0];
        var attempts = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try
            {
                await AsAdminAsync(sp => sp.GetRequiredService<AddRecallVehicles>().HandleAsync(id, vin));
                return "added";
            }
            catch (ConflictException)
            {
                return "conflict";
            }
            catch (ValidationFailedException e) when (e.Errors["vins"].Single().Contains("already", StringComparison.Ordinal))
            {
                return "already";
            }
        })).ToList();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(o => o == "added"));
        await using var db = portal.CreateDb();
        Assert.Equal(1, await db.Set<RecallVehicle>().CountAsync(v => v.RecallId == id));
        Assert.Equal(1, await db.NoteSet.CountAsync(n => n.ObjectId == vin));
        Assert.Equal(1, await db.AuditSet.CountAsync(a => a.EntityId == id.ToString() && a.Action == RecallVehicleAuditActions.Added));
    }

    [Fact]
    public async Task Rows_copied_in_that_break_a_unique_index_are_a_conflict_and_undo_the_whole_save()
    {
        var id = await CreateRecallAsync();
        var vin = (await RecallTestData.AddVehiclesAsync(portal, 1))[0];
        var before = await CountsAsync();
        await using (var data = portal.Services.GetRequiredService<IArcDataFactory>().Open())
        {
            data.Add(new RecallDataUpdate { UpdatedAt = DateTimeOffset.UtcNow });
            data.AddMany(Enumerable.Range(0, 2).Select(_ => new RecallVehicle { RecallId = id, Vin = vin, AddedBy = "test", AddedAt = DateTimeOffset.UtcNow }).ToList());
            await Assert.ThrowsAsync<ConflictException>(() => data.SaveChangesAsync());
        }
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_recall_without_a_remedy_has_no_vehicle_marked_remedied_but_may_have_one_inspected()
    {
        var id = await AsAdminAsync(sp => sp.GetRequiredService<CreateRecall>().HandleAsync(RecallTestData.DoNotDriveDraft()));
        var vins = await RecallTestData.AddVehiclesAsync(portal, 2);
        await AsAdminAsync(sp => sp.GetRequiredService<AddRecallVehicles>().HandleAsync(id, string.Join("\n", vins)));
        var before = await CountsAsync();

        var service = await Assert.ThrowsAsync<ConflictException>(() =>
            AsAdminAsync(sp => sp.GetRequiredService<ServiceRecallVehicles>().HandleAsync(id, vins[0], null, "WO-7")));
        Assert.Contains("has no remedy yet", service.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(sp =>
            sp.GetRequiredService<EditRecallVehicle>().HandleAsync(id, vins[0], new RecallVehicleDraft(RecallVehicleStatus.Remedied, new DateOnly(2024, 3, 1)))));
        Assert.Equal(before, await CountsAsync());

        await AsAdminAsync(sp => sp.GetRequiredService<EditRecallVehicle>().HandleAsync(id, vins[1], new RecallVehicleDraft(RecallVehicleStatus.Inspected, new DateOnly(2024, 3, 1))));
        await AsAdminAsync(sp => sp.GetRequiredService<CreateRemedy>().HandleAsync(id, "Tighten the fittings.", RemedyType.DealerRepair));
        Assert.Equal(1, await AsAdminAsync(sp => sp.GetRequiredService<ServiceRecallVehicles>().HandleAsync(id, vins[0], null, "WO-7")));
    }
}
