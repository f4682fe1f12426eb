using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Provisioning;
using Arc.Domain.Shadows;
using Arc.Domain.SideEffects;
using Arc.Infrastructure.Provisioning;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>
/// Side effects are written with their change and carried out by the outbox worker until they succeed: an AWS outage
/// delays them, loses none, and needs nobody to act once the service is back.
/// </summary>
public sealed class OutboxTests(OutagePortal fixture) : IClassFixture<OutagePortal>
{
    private PortalServer Portal => fixture.Portal;

    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await Portal.AsUserAsync(await Portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    private async Task<IReadOnlyList<string>> TrustedKeysAsync(string vin)
    {
        var shadows = Portal.Services.GetRequiredService<IDeviceShadows>();
        return (await shadows.GetAsync(vin))?.Desired["trusted_keys"]?.AsArray().Select(k => k!.GetValue<string>()).Order().ToList() ?? [];
    }

    /// <summary>The trusted keys the database says the vehicle should hold: the public keys of its authorities.</summary>
    private async Task<IReadOnlyList<string>> ExpectedKeysAsync(string vin)
    {
        await using var db = Portal.CreateDb();
        var ids = await db.VehicleAuthoritySet.Where(a => a.Vin == vin).Select(a => a.AuthorityId).ToListAsync();
        var points = await db.AuthoritySet.Where(a => ids.Contains(a.Id)).Select(a => a.PublicKey).ToListAsync();
        return points.Select(Convert.ToBase64String).Order().ToList();
    }

    private async Task<List<SideEffect>> PendingAsync(string vin)
    {
        await using var db = Portal.CreateDb();
        return await db.SideEffectSet.Where(s => s.Vin == vin).ToListAsync();
    }

    [Theory]
    [InlineData(Outage.Refused)]
    [InlineData(Outage.ErrorStatus)]
    [InlineData(Outage.Timeout)]
    public async Task Grants_revokes_and_re_keys_committed_during_a_shadow_outage_reach_every_shadow_once_it_is_back(Outage outage)
    {
        var vin = "DEV-" + DemoData.MakeVin('T', outage switch { Outage.Refused => 'L', Outage.ErrorStatus => 'M', _ => 'N' }, 900 + (int)outage);
        Assert.True((await AsAdminAsync(sp => sp.GetRequiredService<ProvisionVehicle>()
            .HandleAsync(new ProvisionRequest(vin, 3, new VehicleOptions(false, false, false), false)))).Succeeded);
        await Portal.SideEffectsSettledAsync();
        var authority = await AsAdminAsync(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync($"Outage {outage}"));
        var child = await AsAdminAsync(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync($"Outage {outage} child", authority));

        fixture.Shadows.Outage = outage;
        try
        {
            await AsAdminAsync(async sp => { await sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(authority, vin); return 0; });
            await AsAdminAsync(async sp => { await sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(child, vin); return 0; });
            await AsAdminAsync(sp => sp.GetRequiredService<ReKeyAuthority>().HandleAsync(authority));
            await AsAdminAsync(sp => sp.GetRequiredService<RevokeVehicleAccess>().HandleAsync(child, vin));

            // Every change committed; the shadow still holds only the root's key, and the vehicle shows the work waiting.
            Assert.Equal(2, (await ExpectedKeysAsync(vin)).Count);
            Assert.Single(await TrustedKeysAsync(vin));
            var pending = await Eventually.ReturnsAsync(() => PendingAsync(vin), rows => rows.Any(r => r.Attempts >= 2), TimeSpan.FromSeconds(15),
                "repeated failed attempts");
            Assert.All(pending, p => Assert.Equal(SideEffectKinds.PublishShadow, p.Kind));
            var failed = pending.First(p => p.Attempts >= 2);
            Assert.DoesNotContain("amazonaws", failed.LastError, StringComparison.Ordinal);
            Assert.Contains("Shadow update failed", failed.LastError, StringComparison.Ordinal);
            var shown = await AsAdminAsync(sp => sp.GetRequiredService<ListPendingSideEffects>().HandleAsync(vin));
            Assert.Contains(shown, p => p.Attempts >= 2 && p.Description == "Shadow update");
        }
        finally
        {
            fixture.Shadows.Outage = Outage.None;
        }

        // Nobody does anything: the worker's next attempt publishes the state the database holds now.
        await Eventually.ReturnsAsync(() => PendingAsync(vin), rows => rows.Count == 0, TimeSpan.FromSeconds(15), "the outbox emptying");
        Assert.Equal(await ExpectedKeysAsync(vin), await TrustedKeysAsync(vin));
        await using var db = Portal.CreateDb();
        Assert.True(await db.AuditSet.AnyAsync(a => a.Action == AuditActions.ShadowPublishFailed && a.EntityId == vin));
        Assert.True(await db.AuditSet.AnyAsync(a => a.Action == AuditActions.ShadowRepublished && a.EntityId == vin));
    }

    [Fact]
    public async Task A_first_time_shadow_update_that_covers_an_earlier_failed_one_still_records_the_republication()
    {
        // The race CI once hit: the outage ends before the newest update was tried, so the newest succeeds at its first
        // attempt and completes the failed ones with it; the failure in the log must not stand unanswered.
        var vin = "DEV-" + DemoData.MakeVin('T', 'S', 931);
        var later = DateTimeOffset.UtcNow.AddHours(1); // out of the worker's reach: the test completes the row itself
        var failed = new SideEffect
        {
            Kind = SideEffectKinds.PublishShadow, Vin = vin, Actor = "test", Created = DateTimeOffset.UtcNow.AddMinutes(-5),
            NextAttempt = later, Attempts = 3, LastError = "Shadow update failed"
        };
        var fresh = new SideEffect { Kind = SideEffectKinds.PublishShadow, Vin = vin, Actor = "test", Created = DateTimeOffset.UtcNow, NextAttempt = later };
        await using (var db = Portal.CreateDb())
        {
            db.SideEffectSet.AddRange(failed, fresh);
            await db.SaveChangesAsync();
        }

        await using (var scope = Portal.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SideEffectExecutor>().CompleteAsync(fresh, SideEffectOutcome.Quiet, CancellationToken.None);

        Assert.Empty(await PendingAsync(vin));
        await using var check = Portal.CreateDb();
        var republished = await check.AuditSet.SingleAsync(a => a.Action == AuditActions.ShadowRepublished && a.EntityId == vin);
        Assert.Contains("\"attempts\":4", republished.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Re_keying_an_authority_with_many_vehicles_queues_one_update_per_vehicle_with_the_change()
    {
        var authority = await AsAdminAsync(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync("Fleet operator"));
        var vins = new List<string>();
        await using (var db = Portal.CreateDb())
        {
            // Many vehicles under the authority, written directly: the point is the fan-out, not provisioning.
            for (var i = 0; i < 150; i++)
            {
                var vin = "DEV-" + DemoData.MakeVin('T', 'P', 5000 + i);
                vins.Add(vin);
                db.VehicleSet.Add(new Arc.Domain.Vehicles.Vehicle { Vin = vin, Created = DateTimeOffset.UtcNow, ModelReleaseId = 3 });
                db.VehicleAuthoritySet.Add(new VehicleAuthority { AuthorityId = Authority.RootId, Vin = vin });
                db.VehicleAuthoritySet.Add(new VehicleAuthority { AuthorityId = authority, Vin = vin });
            }
            await db.SaveChangesAsync();
        }

        fixture.Shadows.Outage = Outage.Refused;
        try
        {
            var refreshed = await AsAdminAsync(sp => sp.GetRequiredService<ReKeyAuthority>().HandleAsync(authority));
            Assert.Equal(150, refreshed.Count);
            await using var db = Portal.CreateDb();
            Assert.Equal(150, await db.SideEffectSet.CountAsync(s => vins.Contains(s.Vin) && s.Kind == SideEffectKinds.PublishShadow));
        }
        finally
        {
            fixture.Shadows.Outage = Outage.None;
        }
        await Eventually.ReturnsAsync(async () =>
        {
            await using var db = Portal.CreateDb();
            return await db.SideEffectSet.CountAsync(s => vins.Contains(s.Vin));
        }, n => n == 0, TimeSpan.FromSeconds(60), "every vehicle's shadow update");
        foreach (var vin in vins.Take(5).Concat(vins.TakeLast(5)))
            Assert.Equal(await ExpectedKeysAsync(vin), await TrustedKeysAsync(vin));
    }

    [Fact]
    public async Task Unprovisioning_while_the_registry_is_down_revokes_the_certificate_once_it_is_back()
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'R', 777);
        Assert.True((await AsAdminAsync(sp => sp.GetRequiredService<ProvisionVehicle>()
            .HandleAsync(new ProvisionRequest(vin, 3, new VehicleOptions(false, false, false), false)))).Succeeded);
        await Portal.SideEffectsSettledAsync();
        var registry = Portal.Services.GetRequiredService<LocalDeviceRegistry>();
        var certificate = (await registry.ListThingCertificatesAsync(vin)).Single();

        fixture.Registry.Outage = Outage.Refused;
        try
        {
            await AsAdminAsync(async sp => { await sp.GetRequiredService<UnprovisionVehicle>().HandleAsync(vin); return 0; });
            await Eventually.ReturnsAsync(() => PendingAsync(vin), rows => rows.Any(r => r.Kind == SideEffectKinds.RetireDevice && r.Attempts >= 1),
                TimeSpan.FromSeconds(15), "a failed revocation attempt");
            // The vehicle is gone from the portal, its certificate still works, and its page says so.
            Assert.Equal([certificate], await registry.ListThingCertificatesAsync(vin));
            var shown = await AsAdminAsync(sp => sp.GetRequiredService<ListPendingSideEffects>().HandleAsync(vin));
            Assert.Contains(shown, p => p.Kind == SideEffectKinds.RetireDevice);
            // Provisioning the VIN again waits until the old identity is gone.
            var refused = await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(sp => sp.GetRequiredService<ProvisionVehicle>()
                .HandleAsync(new ProvisionRequest(vin, 3, new VehicleOptions(false, false, false), false))));
            Assert.Contains("still being revoked", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            fixture.Registry.Outage = Outage.None;
        }

        await Eventually.ReturnsAsync(() => PendingAsync(vin), rows => rows.Count == 0, TimeSpan.FromSeconds(15), "the revocation");
        Assert.Empty(await registry.ListThingCertificatesAsync(vin));
        Assert.Null(await registry.DescribeThingAsync(vin));
        Assert.Null(await Portal.Services.GetRequiredService<IDeviceShadows>().GetAsync(vin));
        await using var db = Portal.CreateDb();
        var retired = await db.AuditSet.SingleAsync(a => a.Action == AuditActions.DeviceRetired && a.EntityId == vin);
        Assert.Contains(certificate, retired.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_held_by_a_node_that_died_is_taken_over_when_its_lease_runs_out()
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'L', 47);
        await using (var db = Portal.CreateDb())
        {
            // As a node leaves a row it had claimed when it was killed between commit and publish.
            db.SideEffectSet.Add(new SideEffect
            {
                Kind = SideEffectKinds.PublishShadow, Vin = vin, Actor = "system", Created = DateTimeOffset.UtcNow.AddMinutes(-3),
                NextAttempt = DateTimeOffset.UtcNow.AddMinutes(-3), LeaseUntil = DateTimeOffset.UtcNow.AddSeconds(1),
            });
            db.VehicleAuthoritySet.Add(new VehicleAuthority { AuthorityId = 3, Vin = vin });
            await db.SaveChangesAsync();
        }
        Assert.NotEqual(await ExpectedKeysAsync(vin), await TrustedKeysAsync(vin));
        await Eventually.ReturnsAsync(() => PendingAsync(vin), rows => rows.Count == 0, TimeSpan.FromSeconds(15), "the abandoned row being run");
        Assert.Equal(await ExpectedKeysAsync(vin), await TrustedKeysAsync(vin));
    }

    [Fact]
    public async Task An_explicit_push_during_an_outage_says_it_failed_and_one_after_it_clears_the_queue()
    {
        var vin = "DEV-" + DemoData.MakeVin('T', 'M', 26);
        fixture.Shadows.Outage = Outage.Refused;
        try
        {
            await AsAdminAsync(async sp => { await sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(3, vin); return 0; });
            var push = await Assert.ThrowsAsync<ServiceUnavailableException>(() => AsAdminAsync(sp => sp.GetRequiredService<PushVehicleConfiguration>().HandleAsync(vin)));
            Assert.DoesNotContain("amazonaws", push.Message, StringComparison.Ordinal);
            Assert.NotEmpty(await PendingAsync(vin));
        }
        finally
        {
            fixture.Shadows.Outage = Outage.None;
        }
        var pushed = await AsAdminAsync(sp => sp.GetRequiredService<PushVehicleConfiguration>().HandleAsync(vin));
        Assert.Equal(2, pushed.Desired["trusted_keys"]!.AsArray().Count);
        await Eventually.ReturnsAsync(() => PendingAsync(vin), rows => rows.Count == 0, TimeSpan.FromSeconds(15), "the queue clearing");
    }
}
