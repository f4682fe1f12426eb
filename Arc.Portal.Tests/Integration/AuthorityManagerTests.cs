using System.Text.Json.Nodes;
using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Shadows;
using Arc.Infrastructure.Seeding;
using Arc.Infrastructure.Shadows;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

public sealed class AuthorityManagerTests(PortalServer portal) : IClassFixture<PortalServer>
{
    // Demo vehicle 1 is held by the root only; vehicle 0 also by Q&RA (authority 2).
    private static readonly string RootOnlyVin = "DEV-" + DemoData.MakeVin('T', 'M', 26);
    private static readonly string DelegatedVin = "DEV-" + DemoData.MakeVin('T', 'L', 19);

    private async Task<T> AsAdmin<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    private Task AsAdmin(Func<IServiceProvider, Task> action) => AsAdmin(async sp => { await action(sp); return 0; });

    private Arc.Domain.ManagedSessions.ManagedPinStore Pins => new(portal.Services.GetRequiredService<IKeyVault>());

    /// <summary>The shadow's trusted keys once the outbox has carried out what the changes so far queued.</summary>
    private async Task<string[]> TrustedKeysAsync(string vin)
    {
        await portal.SideEffectsSettledAsync();
        var shadow = await portal.Services.GetRequiredService<IDeviceShadows>().GetAsync(vin);
        return shadow!.Desired["trusted_keys"]!.AsArray().Select(k => k!.GetValue<string>()).ToArray();
    }

    private async Task<string> KeyOfAsync(int id)
    {
        await using var db = portal.CreateDb();
        return Convert.ToBase64String((await db.AuthoritySet.SingleAsync(a => a.Id == id)).PublicKey);
    }

    [Fact]
    public async Task The_seeded_authorities_have_real_keys_and_every_demo_vehicle_trusts_the_root()
    {
        await using var db = portal.CreateDb();
        var authorities = await db.AuthoritySet.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["Arcimoto, Inc.", "Q&RA", "Engineering"], authorities.Select(a => a.Description));
        Assert.Equal([0, 1, 1], authorities.Select(a => a.ParentId));
        Assert.All(authorities, a => Assert.Equal(65, a.PublicKey.Length));
        Assert.Contains(await KeyOfAsync(1), await TrustedKeysAsync(RootOnlyVin));
        Assert.Equal([await KeyOfAsync(1), await KeyOfAsync(2)], await TrustedKeysAsync(DelegatedVin));
    }

    [Fact]
    public async Task Delegation_needs_the_parent_to_hold_the_vehicle_and_publishes_the_new_key()
    {
        var parent = await AsAdmin(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync("Eugene Rentals"));
        var child = await AsAdmin(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync("Eugene Rentals: front desk", parent));

        var skipped = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdmin(sp => sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(child, RootOnlyVin)));
        Assert.Contains($"Authority parent id {parent} does not control vin", skipped.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await KeyOfAsync(child), await TrustedKeysAsync(RootOnlyVin));

        await AsAdmin(sp => sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(parent, RootOnlyVin));
        await AsAdmin(sp => sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(child, RootOnlyVin));
        await AsAdmin(sp => sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(child, RootOnlyVin)); // again: no change
        var keys = await TrustedKeysAsync(RootOnlyVin);
        Assert.Contains(await KeyOfAsync(parent), keys);
        Assert.Contains(await KeyOfAsync(child), keys);
        Assert.Equal(keys.Length, keys.Distinct().Count());

        // Revoking from the parent takes the vehicle from the child too, and both keys leave the shadow.
        var removed = await AsAdmin(sp => sp.GetRequiredService<RevokeVehicleAccess>().HandleAsync(parent, RootOnlyVin));
        Assert.Equal([parent, child], removed);
        keys = await TrustedKeysAsync(RootOnlyVin);
        Assert.DoesNotContain(await KeyOfAsync(parent), keys);
        Assert.DoesNotContain(await KeyOfAsync(child), keys);
        Assert.Contains(await KeyOfAsync(1), keys);
    }

    [Fact]
    public async Task Deleting_an_authority_deletes_its_subtree_and_refreshes_the_affected_vehicles()
    {
        var top = await AsAdmin(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync("Doomed partner"));
        var below = await AsAdmin(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync("Doomed partner: depot", top));
        var vin = "DEV-" + DemoData.MakeVin('T', 'N', 33);
        await AsAdmin(sp => sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(top, vin));
        await AsAdmin(sp => sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(below, vin));
        var belowKey = await KeyOfAsync(below);

        var (authorities, vins) = await AsAdmin(sp => sp.GetRequiredService<DeleteAuthority>().HandleAsync(top));
        Assert.Equal([top, below], authorities.Order());
        Assert.Equal([vin], vins);
        await using var db = portal.CreateDb();
        Assert.False(await db.AuthoritySet.AnyAsync(a => a.Id == top || a.Id == below));
        Assert.False(await db.VehicleAuthoritySet.AnyAsync(va => va.AuthorityId == top || va.AuthorityId == below));
        Assert.DoesNotContain(belowKey, await TrustedKeysAsync(vin));
        Assert.True(await db.AuditSet.AnyAsync(a => a.Action == AuditActions.AuthorityDeleted && a.EntityId == top.ToString()));
        await Assert.ThrowsAsync<ConflictException>(() => AsAdmin(sp => sp.GetRequiredService<DeleteAuthority>().HandleAsync(Authority.RootId)));
        await Assert.ThrowsAsync<NotFoundException>(() => AsAdmin(sp => sp.GetRequiredService<DeleteAuthority>().HandleAsync(top)));
    }

    [Fact]
    public async Task A_token_signed_by_the_portal_verifies_outside_dotnet_against_the_key_in_the_shadow()
    {
        var token = await AsAdmin(sp => sp.GetRequiredService<SignVehicleToken>()
            .HandleAsync(2, $"{{\"vin\": \"{DelegatedVin}\", \"expires\": 1893456000, \"holder\": \"Zoë\"}}"));
        Assert.StartsWith($"{{\"vin\": \"{DelegatedVin}\", \"expires\": 1893456000, \"holder\": \"Zo\\u00eb\"}}\n====SIGNATURE====\n", token, StringComparison.Ordinal);
        var trusted = await TrustedKeysAsync(DelegatedVin);
        var results = new List<string>();
        foreach (var key in trusted)
            results.Add(await ExternalTools.VerifyTokenAsync(token, key));
        Assert.Contains($"valid {DelegatedVin}", results);
        var altered = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
        foreach (var key in trusted)
            Assert.Equal("invalid", await ExternalTools.VerifyTokenAsync(altered, key));
    }

    [Fact]
    public async Task Re_keying_replaces_the_published_key_so_old_tokens_stop_verifying()
    {
        var authority = await AsAdmin(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync("Re-key me"));
        var vin = "DEV-" + DemoData.MakeVin('T', 'P', 40);
        await AsAdmin(sp => sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(authority, vin));
        var oldKey = await KeyOfAsync(authority);
        var oldToken = await AsAdmin(sp => sp.GetRequiredService<SignVehicleToken>().HandleAsync(authority, $"{{\"vin\": \"{vin}\"}}"));

        var refreshed = await AsAdmin(sp => sp.GetRequiredService<ReKeyAuthority>().HandleAsync(authority));
        Assert.Equal([vin], refreshed);
        var newKey = await KeyOfAsync(authority);
        Assert.NotEqual(oldKey, newKey);
        var published = await TrustedKeysAsync(vin);
        Assert.Contains(newKey, published);
        Assert.DoesNotContain(oldKey, published);
        Assert.All(published, key => Assert.False(VehicleToken.Verify(oldToken, key)));
        var newToken = await AsAdmin(sp => sp.GetRequiredService<SignVehicleToken>().HandleAsync(authority, $"{{\"vin\": \"{vin}\"}}"));
        Assert.True(VehicleToken.Verify(newToken, newKey));
    }

    [Fact]
    public async Task Only_members_of_the_authority_or_one_above_it_may_sign()
    {
        var signer = await portal.CreateUserAsync($"signer-{Guid.NewGuid():N}@arc.test", "quality");
        async Task<string> SignAsSigner(int id)
        {
            await using var scope = await portal.AsUserAsync(signer);
            return await scope.ServiceProvider.GetRequiredService<SignVehicleToken>().HandleAsync(id, $"{{\"vin\": \"{DelegatedVin}\"}}");
        }
        await Assert.ThrowsAsync<PermissionDeniedException>(() => SignAsSigner(2));

        await using (var db = portal.CreateDb())
        {
            var email = await db.UserSet.Where(u => u.Username == signer).Select(u => u.Email).SingleAsync();
            await AsAdmin(sp => sp.GetRequiredService<SetAuthorityMember>().HandleAsync(2, email, member: true));
        }
        Assert.True(VehicleToken.Verify(await SignAsSigner(2), await KeyOfAsync(2)));
        // Membership of Q&RA does not reach up to the root.
        await Assert.ThrowsAsync<PermissionDeniedException>(() => SignAsSigner(Authority.RootId));
    }

    [Theory]
    [InlineData(2, "{\"exp\": 1}", "vin must be present in token")]
    [InlineData(2, "{\"vin\": \"DEV-7F7ATR31XLER00019\",", "not valid JSON")]
    [InlineData(2, "{\"vin\": \"7F7ATR31XLER00019\"}", "written exactly as stored")]
    [InlineData(3, "{\"vin\": \"DEV-7F7ATR31XLER00019\"}", "does not control vin")]
    [InlineData(999999, "{\"vin\": \"DEV-7F7ATR31XLER00019\"}", "does not exist")]
    [InlineData(2, "{\"vin\": \"DEV-7F7ATR31XLER00019\", \"vin\": \"DEV-7F7ATR31XLER00019\"}", "twice")]
    public async Task Bad_signing_requests_are_refused_clearly_and_change_nothing(int authority, string token, string reason)
    {
        await using var before = portal.CreateDb();
        var audits = await before.AuditSet.CountAsync();
        var error = await Assert.ThrowsAnyAsync<DomainException>(() =>
            AsAdmin(sp => sp.GetRequiredService<SignVehicleToken>().HandleAsync(authority, token)));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        await using var after = portal.CreateDb();
        Assert.Equal(audits, await after.AuditSet.CountAsync());
    }

    [Fact]
    public async Task Bad_authority_input_is_refused_and_changes_nothing()
    {
        await using var before = portal.CreateDb();
        var count = await before.AuthoritySet.CountAsync();
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdmin(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync("   ")));
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdmin(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync(new string('x', 201))));
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdmin(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync("bad\u0000name")));
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdmin(sp => sp.GetRequiredService<CreateAuthority>().HandleAsync("orphan", 999_999)));
        await Assert.ThrowsAsync<NotFoundException>(() => AsAdmin(sp => sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(2, "DEV-" + DemoData.MakeVin('T', 'L', 99_990))));
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdmin(sp => sp.GetRequiredService<GrantVehicleAccess>().HandleAsync(2, "<script>")));
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdmin(sp => sp.GetRequiredService<RevokeVehicleAccess>().HandleAsync(3, RootOnlyVin)));
        await Assert.ThrowsAsync<ConflictException>(() => AsAdmin(sp => sp.GetRequiredService<RevokeVehicleAccess>().HandleAsync(1, RootOnlyVin)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdmin(sp => sp.GetRequiredService<SetAuthorityMember>().HandleAsync(2, "nobody@nowhere.test", true)));
        await using var after = portal.CreateDb();
        Assert.Equal(count, await after.AuthoritySet.CountAsync());
    }

    [Fact]
    public async Task Factory_pins_are_generated_preserved_on_request_and_every_view_is_audited()
    {
        var vin = "DEV-" + DemoData.MakeVin('D', 'L', 75);
        var original = await AsAdmin(sp => sp.GetRequiredService<ViewFactoryPin>().HandleAsync(vin));
        Assert.Matches("^[0-9]{6}$", original!);
        Assert.Equal(original, (await AsAdmin(sp => sp.GetRequiredService<GenerateFactoryPin>().HandleAsync(vin, preserve: true))).Value);
        var fresh = (await AsAdmin(sp => sp.GetRequiredService<GenerateFactoryPin>().HandleAsync(vin, preserve: false))).Value;
        Assert.Equal(fresh, await AsAdmin(sp => sp.GetRequiredService<ViewFactoryPin>().HandleAsync(vin)));
        await using var db = portal.CreateDb();
        Assert.True(await db.AuditSet.CountAsync(a => a.Action == AuditActions.FactoryPinViewed && a.EntityId == vin) >= 2);
        Assert.False(await db.AuditSet.AnyAsync(a => a.Summary.Contains(fresh)));
    }

    [Fact]
    public async Task The_local_shadow_store_has_aws_semantics_and_the_simulator_reports_desired_state()
    {
        var shadows = portal.Services.GetRequiredService<IDeviceShadows>();
        var thing = "DEV-" + DemoData.MakeVin('R', 'P', 124);
        var before = await shadows.GetAsync(thing);
        Assert.Equal(ShadowSync.Synchronized, ShadowStatus.Of(before));

        var pushed = await AsAdmin(sp => sp.GetRequiredService<PushVehicleConfiguration>().HandleAsync(thing));
        Assert.Equal(before!.Version + 1, pushed.Version);
        await shadows.UpdateAsync(thing, new ShadowUpdate(new JsonObject { ["record_gps"] = true }, null));
        Assert.Equal(ShadowSync.Pending, ShadowStatus.Of(await shadows.GetAsync(thing)));
        await Assert.ThrowsAsync<ConflictException>(() => shadows.UpdateAsync(thing, new ShadowUpdate(new JsonObject { ["x"] = 1 }, null, ExpectedVersion: 1)));

        var simulator = portal.Services.GetRequiredService<DeviceSimulator>();
        await simulator.ReportDueAsync(TimeSpan.Zero, default);
        var after = await shadows.GetAsync(thing);
        Assert.Equal(ShadowSync.Synchronized, ShadowStatus.Of(after));
        Assert.True(after!.Reported["record_gps"]!.GetValue<bool>());

        Assert.True(await shadows.DeleteAsync(thing));
        Assert.Null(await shadows.GetAsync(thing));
        Assert.False(await shadows.DeleteAsync(thing));
        await AsAdmin(sp => sp.GetRequiredService<PushVehicleConfiguration>().HandleAsync(thing));
    }

    [Fact]
    public async Task A_managed_vehicle_publishes_its_active_session_pin_or_an_empty_one()
    {
        var vin = "DEV-" + DemoData.MakeVin('C', 'P', 96);
        await using (var db = portal.CreateDb())
        {
            db.ManagedVehicleSet.Add(new Arc.Domain.ManagedSessions.ManagedSessionVehicle { Vin = vin });
            await db.SaveChangesAsync();
            Assert.Equal("", (await DesiredState.BuildAsync(db, Pins, vin))["managed_pin"]!.GetValue<string>());
            db.ManagedSessionSet.Add(new Arc.Domain.ManagedSessions.ManagedSession { Vin = vin, Pin = "482913", Initialization = DateTimeOffset.UtcNow });
            db.ManagedSessionSet.Add(new Arc.Domain.ManagedSessions.ManagedSession
            {
                Vin = vin, Pin = "111000", Initialization = DateTimeOffset.UtcNow.AddDays(-1), Completion = DateTimeOffset.UtcNow.AddHours(-20),
            });
            await db.SaveChangesAsync();
            Assert.Equal("482913", (await DesiredState.BuildAsync(db, Pins, vin))["managed_pin"]!.GetValue<string>());
        }
        var pushed = await AsAdmin(sp => sp.GetRequiredService<PushVehicleConfiguration>().HandleAsync(vin));
        Assert.Equal("482913", pushed.Desired["managed_pin"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_desired_document_has_the_fields_of_the_contract()
    {
        await using var db = portal.CreateDb();
        var desired = await DesiredState.BuildAsync(db, Pins, DelegatedVin);
        Assert.Equal(["trusted_keys", "telemetry_version", "telemetry_points", "frequency_overrides", "record_gps"], desired.Select(p => p.Key));
        Assert.Equal(DesiredState.DefaultTelemetryVersion, desired["telemetry_version"]!.GetValue<string>());
        var recordGps = db.VehicleMetaSet.Single(m => m.Vin == DelegatedVin && m.Section == "privacy" && m.Key == "record_gps").Value;
        Assert.Equal(recordGps == "true", desired["record_gps"]!.GetValue<bool>());
        Assert.Equal(16, desired["telemetry_points"]!.AsArray().Count);
        Assert.Null(desired["frequency_overrides"]);
    }
}
