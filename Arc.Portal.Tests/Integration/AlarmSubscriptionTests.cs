using Arc.Domain.Alarms;
using Arc.Domain.Audit;
using Arc.Domain.Common;
using Arc.Domain.Fleets;
using Arc.Domain.Permissions;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>A person's own alarm subscriptions on the real database: kept per person, checked in full, refused with a reason.</summary>
public sealed class AlarmSubscriptionTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private async Task<string> PersonAsync(params string[] permissions)
    {
        var username = await portal.CreateUserAsync($"subscriber-{Guid.NewGuid():N}@arc.test");
        await portal.AddToGroupAsync(username, await portal.CreateGroupAsync($"subscribers-{Guid.NewGuid():N}",
            permissions.Length == 0 ? [Perm.AlarmRead, Perm.VehicleRead] : permissions));
        return username;
    }

    private async Task<int> FleetAsync(string? member = null)
    {
        await using var db = portal.CreateDb();
        var fleet = new Fleet { Name = "Subscribed " + Guid.NewGuid().ToString("N")[..6] };
        db.FleetSet.Add(fleet);
        await db.SaveChangesAsync();
        if (member is not null)
        {
            db.FleetUserSet.Add(new FleetUser { FleetId = fleet.Id, Username = member });
            await db.SaveChangesAsync();
        }
        return fleet.Id;
    }

    private async Task<List<(int Id, string Severity, string Scope, int? ScopeId)>> RowsAsync(string username)
    {
        await using var db = portal.CreateDb();
        return (await db.Set<AlarmSubscription>().Where(s => s.Username == username).OrderBy(s => s.Id).ToListAsync())
            .Select(s => (s.Id, s.MinimumSeverity, s.Scope, s.ScopeId)).ToList();
    }

    private async Task<int> AuditCountAsync(string username)
    {
        await using var db = portal.CreateDb();
        return await db.AuditSet.CountAsync(e => e.Actor == username && e.EntityType == AlarmAuditActions.SubscriptionEntity);
    }

    [Fact]
    public async Task A_person_adds_lists_changes_and_removes_their_own_subscriptions_with_each_step_audited()
    {
        var me = await PersonAsync();
        var fleetId = await FleetAsync();
        int modelId;
        await using (var db = portal.CreateDb())
            modelId = await db.ModelSet.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        await using var scope = await portal.AsUserAsync(me);
        var sp = scope.ServiceProvider;

        var all = await sp.GetRequiredService<AddAlarmSubscription>().HandleAsync(new AlarmSubscriptionDraft(AlarmSeverities.Minor));
        var fleet = await sp.GetRequiredService<AddAlarmSubscription>().HandleAsync(new AlarmSubscriptionDraft(AlarmSeverities.Critical, AlarmScopes.Fleet, fleetId));
        var mine = await sp.GetRequiredService<ListMyAlarmSubscriptions>().HandleAsync();
        Assert.Equal([(fleet, AlarmSeverities.Critical, AlarmScopes.Fleet), (all, AlarmSeverities.Minor, AlarmScopes.All)],
            mine.Subscriptions.Select(s => (s.Id, s.MinimumSeverity, s.Scope)));
        Assert.StartsWith("Subscribed ", mine.Subscriptions[0].ScopeName, StringComparison.Ordinal);
        Assert.Contains(mine.Fleets, f => f.Id == fleetId);
        Assert.Contains(mine.Models, m => m.Id == modelId);
        Assert.Equal(AlarmSubscriptionRules.MaxPerPerson, mine.Limit);

        await sp.GetRequiredService<ChangeAlarmSubscription>().HandleAsync(all, new AlarmSubscriptionDraft(AlarmSeverities.Warning, AlarmScopes.Model, modelId));
        await sp.GetRequiredService<RemoveAlarmSubscription>().HandleAsync(fleet);
        Assert.Equal([(all, AlarmSeverities.Warning, AlarmScopes.Model, (int?)modelId)], await RowsAsync(me));

        await using var check = portal.CreateDb();
        var events = await check.AuditSet.Where(e => e.Actor == me && e.EntityType == AlarmAuditActions.SubscriptionEntity).OrderBy(e => e.Id)
            .Select(e => new { e.Action, e.EntityId }).ToListAsync();
        Assert.Equal([(AlarmAuditActions.SubscriptionAdded, all), (AlarmAuditActions.SubscriptionAdded, fleet), (AlarmAuditActions.SubscriptionChanged, all),
            (AlarmAuditActions.SubscriptionRemoved, fleet)], events.Select(e => (e.Action, int.Parse(e.EntityId!, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Someone_who_may_not_see_alarms_is_told_why_and_nothing_is_saved()
    {
        var me = await PersonAsync(Perm.VehicleRead);
        await using var scope = await portal.AsUserAsync(me);
        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            scope.ServiceProvider.GetRequiredService<AddAlarmSubscription>().HandleAsync(new AlarmSubscriptionDraft(AlarmSeverities.Major)));
        Assert.Contains("Alarm emails are for people who may see alarms", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => scope.ServiceProvider.GetRequiredService<ListMyAlarmSubscriptions>().HandleAsync());
        Assert.Empty(await RowsAsync(me));
        await using var db = portal.CreateDb();
        Assert.True(await db.AuditSet.AnyAsync(e => e.Actor == me && e.Action == AuditActions.AccessDenied));
    }

    [Fact]
    public async Task A_duplicate_is_refused_with_a_clear_message_whether_added_or_changed_into()
    {
        var me = await PersonAsync();
        await using var scope = await portal.AsUserAsync(me);
        var add = scope.ServiceProvider.GetRequiredService<AddAlarmSubscription>();
        await add.HandleAsync(new AlarmSubscriptionDraft(AlarmSeverities.Major));
        var other = await add.HandleAsync(new AlarmSubscriptionDraft(AlarmSeverities.Minor));
        var before = await RowsAsync(me);

        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() => add.HandleAsync(new AlarmSubscriptionDraft(AlarmSeverities.Major, AlarmScopes.All)));
        Assert.Contains("You already have this subscription", duplicate.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            scope.ServiceProvider.GetRequiredService<ChangeAlarmSubscription>().HandleAsync(other, new AlarmSubscriptionDraft(AlarmSeverities.Major)));
        // Saving a subscription unchanged is no duplicate of itself.
        await scope.ServiceProvider.GetRequiredService<ChangeAlarmSubscription>().HandleAsync(other, new AlarmSubscriptionDraft(AlarmSeverities.Minor));
        Assert.Equal(before, await RowsAsync(me));

        // Someone else may hold the very same subscription.
        var neighbour = await PersonAsync();
        await using var theirs = await portal.AsUserAsync(neighbour);
        await theirs.ServiceProvider.GetRequiredService<AddAlarmSubscription>().HandleAsync(new AlarmSubscriptionDraft(AlarmSeverities.Major));
        Assert.Single(await RowsAsync(neighbour));
    }

    [Fact]
    public async Task Two_saves_of_the_same_subscription_at_once_keep_one_and_tell_the_other_it_already_exists()
    {
        var me = await PersonAsync();
        await using var first = await portal.AsUserAsync(me);
        await using var second = await portal.AsUserAsync(me);
        var adds = new[] { first, second }.Select(s => s.ServiceProvider.GetRequiredService<AddAlarmSubscription>()).ToList();

        // Both checks may pass before either saves; the database's unique index then keeps one.
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Attempt(adds[i % 2])));

        Assert.Single(await RowsAsync(me));
        Assert.Equal(1, results.Count(r => r is null));
        Assert.All(results.Where(r => r is not null), e => Assert.True(e is ValidationFailedException or ConflictException, e!.GetType().Name));
        Assert.Equal(1, await AuditCountAsync(me));

        static async Task<Exception?> Attempt(AddAlarmSubscription add)
        {
            try
            {
                await add.HandleAsync(new AlarmSubscriptionDraft(AlarmSeverities.Critical));
                return null;
            }
            catch (DomainException e)
            {
                return e;
            }
        }
    }

    public static TheoryData<string?, string?, int?, string> BadDrafts() => new()
    {
        { null, AlarmScopes.All, null, "severity" },
        { "urgent", AlarmScopes.All, null, "severity" },
        { "CRITICAL", AlarmScopes.All, null, "severity" },
        { "major\u202E", AlarmScopes.All, null, "severity" },
        { new string('x', 100_000), AlarmScopes.All, null, "severity" },
        { "<script>alert(1)</script>", AlarmScopes.All, null, "severity" },
        { AlarmSeverities.Major, "planet", null, "scope" },
        { AlarmSeverities.Major, "fleet' OR '1'='1", 1, "scope" },
        { AlarmSeverities.Major, new string('f', 50_000), 1, "scope" },
        { AlarmSeverities.Major, AlarmScopes.Model, null, "scopeId" },
        { AlarmSeverities.Major, AlarmScopes.Model, 987_654, "scopeId" },
        { AlarmSeverities.Major, AlarmScopes.Fleet, null, "scopeId" },
        { AlarmSeverities.Major, AlarmScopes.Fleet, -1, "scopeId" },
        { AlarmSeverities.Major, AlarmScopes.Fleet, int.MaxValue, "scopeId" },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task Bad_input_is_refused_on_its_field_and_changes_nothing(string? severity, string? scopeName, int? scopeId, string field)
    {
        var me = await PersonAsync();
        await using var scope = await portal.AsUserAsync(me);
        var existing = await scope.ServiceProvider.GetRequiredService<AddAlarmSubscription>().HandleAsync(new AlarmSubscriptionDraft(AlarmSeverities.Warning));
        var (rows, audited) = (await RowsAsync(me), await AuditCountAsync(me));
        var draft = new AlarmSubscriptionDraft(severity, scopeName, scopeId);

        var added = await Assert.ThrowsAsync<ValidationFailedException>(() => scope.ServiceProvider.GetRequiredService<AddAlarmSubscription>().HandleAsync(draft));
        var changed = await Assert.ThrowsAsync<ValidationFailedException>(() => scope.ServiceProvider.GetRequiredService<ChangeAlarmSubscription>().HandleAsync(existing, draft));
        foreach (var refusal in new[] { added, changed })
        {
            Assert.Equal([field], refusal.Errors.Keys);
            // The refusal names what is allowed and never repeats what was sent.
            Assert.True(refusal.Message.Length < 200);
            Assert.DoesNotContain("<script>", refusal.Message, StringComparison.Ordinal);
        }
        Assert.Equal(rows, await RowsAsync(me));
        Assert.Equal(audited, await AuditCountAsync(me));
    }

    [Fact]
    public async Task Another_persons_subscription_reads_as_unknown_and_stays_as_it_was()
    {
        var owner = await PersonAsync();
        int theirs;
        await using (var scope = await portal.AsUserAsync(owner))
            theirs = await scope.ServiceProvider.GetRequiredService<AddAlarmSubscription>().HandleAsync(new AlarmSubscriptionDraft(AlarmSeverities.Critical));
        var before = await RowsAsync(owner);

        var intruder = await PersonAsync();
        await using (var scope = await portal.AsUserAsync(intruder))
        {
            await Assert.ThrowsAsync<NotFoundException>(() => scope.ServiceProvider.GetRequiredService<ChangeAlarmSubscription>()
                .HandleAsync(theirs, new AlarmSubscriptionDraft(AlarmSeverities.Indeterminate)));
            await Assert.ThrowsAsync<NotFoundException>(() => scope.ServiceProvider.GetRequiredService<RemoveAlarmSubscription>().HandleAsync(theirs));
            Assert.Empty((await scope.ServiceProvider.GetRequiredService<ListMyAlarmSubscriptions>().HandleAsync()).Subscriptions);
        }
        Assert.Equal(before, await RowsAsync(owner));
        Assert.Equal(0, await AuditCountAsync(intruder));
    }

    [Fact]
    public async Task One_subscription_past_the_limit_is_refused_and_saves_nothing()
    {
        var me = await PersonAsync();
        var fleets = new[] { await FleetAsync(), await FleetAsync(), await FleetAsync() };
        await using var scope = await portal.AsUserAsync(me);
        var add = scope.ServiceProvider.GetRequiredService<AddAlarmSubscription>();
        foreach (var severity in AlarmSeverities.All)
        {
            await add.HandleAsync(new AlarmSubscriptionDraft(severity));
            foreach (var fleet in fleets)
                await add.HandleAsync(new AlarmSubscriptionDraft(severity, AlarmScopes.Fleet, fleet));
        }
        Assert.Equal(AlarmSubscriptionRules.MaxPerPerson, (await RowsAsync(me)).Count);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => add.HandleAsync(new AlarmSubscriptionDraft(AlarmSeverities.Major, AlarmScopes.Fleet, Fleet.MakerFleetId)));
        Assert.Contains($"You have {AlarmSubscriptionRules.MaxPerPerson} subscriptions", refused.Message, StringComparison.Ordinal);
        Assert.Equal(AlarmSubscriptionRules.MaxPerPerson, (await RowsAsync(me)).Count);
    }

    [Fact]
    public async Task A_fleet_member_without_vehicle_read_chooses_among_their_own_fleets_only()
    {
        var me = await PersonAsync(Perm.AlarmRead);
        var own = await FleetAsync(me);
        var other = await FleetAsync();
        await using var scope = await portal.AsUserAsync(me);
        var mine = await scope.ServiceProvider.GetRequiredService<ListMyAlarmSubscriptions>().HandleAsync();
        Assert.Equal([own], mine.Fleets.Select(f => f.Id));

        var add = scope.ServiceProvider.GetRequiredService<AddAlarmSubscription>();
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => add.HandleAsync(new AlarmSubscriptionDraft(AlarmSeverities.Major, AlarmScopes.Fleet, other)));
        Assert.Equal("Choose one of the fleets listed.", refused.Message);
        await add.HandleAsync(new AlarmSubscriptionDraft(AlarmSeverities.Major, AlarmScopes.Fleet, own));
        Assert.Equal([(AlarmScopes.Fleet, (int?)own)], (await RowsAsync(me)).Select(r => (r.Scope, r.ScopeId)));
    }

    [Fact]
    public async Task Deleting_a_user_takes_their_subscriptions_with_them()
    {
        var me = await PersonAsync();
        await using (var scope = await portal.AsUserAsync(me))
            await scope.ServiceProvider.GetRequiredService<AddAlarmSubscription>().HandleAsync(new AlarmSubscriptionDraft(AlarmSeverities.Major));
        await using (var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<Arc.Domain.Users.DeleteUser>().HandleAsync(me);
        Assert.Empty(await RowsAsync(me));
    }
}
