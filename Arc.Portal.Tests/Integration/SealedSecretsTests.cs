using System.Text.Json.Nodes;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Email;
using Arc.Domain.ManagedSessions;
using Arc.Domain.Shadows;
using Arc.Domain.Vehicles;
using Arc.Infrastructure.Authorities;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Factory and session PINs, email secrets and vehicle configuration as they are stored and read on the real database.</summary>
public sealed class SealedSecretsTests(PortalServer portal) : IClassFixture<PortalServer>
{
    private static string DemoVin(char letter, char year, int serial) => "DEV-" + DemoData.MakeVin(letter, year, serial);

    private async Task<T> AsAdminAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = await portal.AsUserAsync(await portal.AdminUsernameAsync());
        return await action(scope.ServiceProvider);
    }

    private async Task<string> StoredPinAsync(string vin)
    {
        await using var db = portal.CreateDb();
        return await db.AuthorityMetaSet.Where(m => m.Vin == vin && m.Key == AuthorityVehicleMeta.FactoryPinKey).Select(m => m.Value).SingleAsync();
    }

    [Fact]
    public async Task A_generated_factory_pin_is_stored_sealed_and_shown_to_a_permitted_user()
    {
        var vin = DemoVin('T', 'M', 26);
        var pin = (await AsAdminAsync(sp => sp.GetRequiredService<GenerateFactoryPin>().HandleAsync(vin, preserve: false))).Value;

        var stored = await StoredPinAsync(vin);
        Assert.StartsWith(SealedSecret.TextPrefix + LocalKeyVault.ReferenceFor(1) + ":", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(pin, stored, StringComparison.Ordinal);
        Assert.Equal(pin, await AsAdminAsync(sp => sp.GetRequiredService<ViewFactoryPin>().HandleAsync(vin)));
        Assert.Equal(pin, (await AsAdminAsync(sp => sp.GetRequiredService<GenerateFactoryPin>().HandleAsync(vin, preserve: true))).Value);
        // Every seal is fresh: storing the same PIN again gives another ciphertext.
        Assert.Equal(stored, await StoredPinAsync(vin));
        await using var scope = portal.Services.CreateAsyncScope();
        Assert.NotEqual(stored, await scope.ServiceProvider.GetRequiredService<FactoryPinStore>().SealAsync(vin, pin));
    }

    [Fact]
    public async Task A_sealed_pin_copied_into_another_vehicles_row_does_not_open()
    {
        var (from, to) = (DemoVin('T', 'N', 33), DemoVin('T', 'L', 47));
        var stolen = await StoredPinAsync(from);
        await using (var db = portal.CreateDb())
        {
            await db.AuthorityMetaSet.Where(m => m.Vin == to && m.Key == AuthorityVehicleMeta.FactoryPinKey)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Value, stolen));
        }

        var error = await Assert.ThrowsAsync<ConflictException>(() => AsAdminAsync(sp => sp.GetRequiredService<ViewFactoryPin>().HandleAsync(to)));
        Assert.Contains($"factory PIN of {to}", error.Message, StringComparison.Ordinal);
        Assert.Matches("^[0-9]{6}$", await AsAdminAsync(sp => sp.GetRequiredService<ViewFactoryPin>().HandleAsync(from)));
    }

    [Fact]
    public async Task A_managed_session_pin_is_stored_sealed_and_is_the_active_pin_of_its_vehicle_only()
    {
        var vin = DemoVin('T', 'N', 61);
        await using var scope = portal.Services.CreateAsyncScope();
        var pins = scope.ServiceProvider.GetRequiredService<ManagedPinStore>();
        await using (var db = portal.CreateDb())
        {
            db.ManagedSessionSet.Add(new ManagedSession
            {
                Vin = vin, Pin = await pins.SealAsync(vin, "305817"), Initialization = DateTimeOffset.UtcNow.AddHours(-2),
                Completion = DateTimeOffset.UtcNow.AddHours(-1)
            });
            db.ManagedSessionSet.Add(new ManagedSession { Vin = vin, Pin = await pins.SealAsync(vin, "640295"), Initialization = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            Assert.DoesNotContain(await db.ManagedSessionSet.Where(s => s.Vin == vin).Select(s => s.Pin).ToListAsync(), p => p.Contains("640295", StringComparison.Ordinal));
        }
        await using (var data = portal.Services.GetRequiredService<IArcDataFactory>().Open())
        {
            Assert.Equal("640295", await pins.ActivePinAsync(data, vin));
            Assert.Equal("", await pins.ActivePinAsync(data, DemoVin('T', 'P', 68)));
            var session = await data.FirstOrDefaultAsync(data.ManagedSessions.Where(s => s.Vin == vin && s.Completion == null));
            Assert.Equal("640295", await pins.RevealAsync(session!));
            await Assert.ThrowsAsync<ConflictException>(() => pins.RevealAsync(new ManagedSession { Vin = DemoVin('T', 'P', 68), Pin = session!.Pin }));
        }
        await Assert.ThrowsAsync<ValidationFailedException>(() => pins.SealAsync(vin, "12345"));
    }

    [Fact]
    public async Task Pins_and_email_secrets_stored_plain_by_an_older_version_are_sealed_at_start_up_once()
    {
        var (pinVin, sessionVin) = (DemoVin('D', 'L', 75), DemoVin('E', 'L', 103));
        var to = $"legacy-{Guid.NewGuid():N}@example.com";
        long pendingId, sentId;
        await using (var db = portal.CreateDb())
        {
            await db.AuthorityMetaSet.Where(m => m.Vin == pinVin && m.Key == AuthorityVehicleMeta.FactoryPinKey).ExecuteUpdateAsync(s => s.SetProperty(m => m.Value, "271828"));
            db.ManagedSessionSet.Add(new ManagedSession { Vin = sessionVin, Pin = "314159", Initialization = DateTimeOffset.UtcNow });
            // As the outbox kept secrets before: in the variables and in every rendered part.
            OutboxEmail Legacy(string status, string code) => new()
            {
                To = to, Template = EmailTemplates.PasswordReset, Subject = "Your Arc Portal password reset code", Sensitive = true, Status = status,
                Data = new JsonObject { ["name"] = "Lee", ["code"] = code, ["html"] = new JsonObject { ["name"] = "Lee", ["code"] = code } }.ToJsonString(),
                Text = $"Use this code to choose a new password: {code}\n", Html = $"<b style=\"font-size:20px\">{code}</b>",
                Created = DateTimeOffset.UtcNow, NextAttempt = DateTimeOffset.UtcNow.AddDays(1),
            };
            var pending = Legacy(OutboxStatus.Pending, "161803");
            var sent = Legacy(OutboxStatus.Sent, "141421");
            db.OutboxEmailSet.AddRange(pending, sent);
            await db.SaveChangesAsync();
            (pendingId, sentId) = (pending.Id, sent.Id);
        }

        var resealer = portal.Services.GetRequiredService<SecretResealer>();
        var counts = (await resealer.SealPlainValuesAsync()).ToDictionary(c => c.Kind);
        Assert.Equal(1, counts[SecretResealer.FactoryPins].SealedFromPlain);
        Assert.Equal(1, counts[SecretResealer.ManagedPins].SealedFromPlain);
        Assert.Equal(2, counts[SecretResealer.EmailSecrets].SealedFromPlain);
        Assert.All(counts.Values, c => Assert.Equal(0, c.Failed));

        Assert.True(SealedSecret.IsSealedText(await StoredPinAsync(pinVin)));
        Assert.Equal("271828", await AsAdminAsync(sp => sp.GetRequiredService<ViewFactoryPin>().HandleAsync(pinVin)));
        await using (var scope = portal.Services.CreateAsyncScope())
        await using (var db = portal.CreateDb())
        {
            var session = await db.ManagedSessionSet.SingleAsync(s => s.Vin == sessionVin);
            Assert.True(SealedSecret.IsSealedText(session.Pin));
            Assert.Equal("314159", await scope.ServiceProvider.GetRequiredService<ManagedPinStore>().RevealAsync(session));

            var pending = await db.OutboxEmailSet.SingleAsync(e => e.Id == pendingId);
            Assert.DoesNotContain("161803", string.Join("|", pending.Subject, pending.Text, pending.Html, pending.Data), StringComparison.Ordinal);
            var revealed = await scope.ServiceProvider.GetRequiredService<OutboxSecrets>().RevealAsync(pending);
            Assert.Equal("Use this code to choose a new password: 161803\n", revealed.Text);
            Assert.Equal("<b style=\"font-size:20px\">161803</b>", revealed.Html);
            Assert.Equal("161803", revealed.Data["code"]!.GetValue<string>());
            // Delivered already: nothing left to deliver, so the secret is masked and not kept at all.
            var sent = await db.OutboxEmailSet.SingleAsync(e => e.Id == sentId);
            Assert.Null(sent.SealedSecrets);
            Assert.DoesNotContain("141421", string.Join("|", sent.Subject, sent.Text, sent.Html, sent.Data), StringComparison.Ordinal);
            Assert.Equal($"Use this code to choose a new password: {OutboxSecrets.Mask}\n", OutboxSecrets.MaskText(sent.Text));
        }

        // A second start finds nothing left to seal.
        Assert.All(await resealer.SealPlainValuesAsync(), c => Assert.Equal((0, 0), (c.SealedFromPlain, c.Failed)));
    }

    [Theory]
    [InlineData("trusted_keys")]
    [InlineData("managed_pin")]
    [InlineData("record_gps")]
    [InlineData("Telemetry_Points")]
    public async Task A_configuration_key_cannot_replace_a_key_the_portal_sets_in_the_desired_state(string key)
    {
        var vin = DemoVin('T', 'L', 19);
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(async sp =>
        {
            await sp.GetRequiredService<SetVehicleMetadata>().HandleAsync(new VehicleMetadataChange(vin, "configuration",
                new Dictionary<string, string?> { ["option_max_range"] = "80", [key] = "[]" }));
            return 0;
        }));
        Assert.Equal($"'{key}' is set by the portal itself in the vehicle's desired state; a configuration key cannot replace it.", error.Message);
        await using var db = portal.CreateDb();
        Assert.False(await db.VehicleMetaSet.AnyAsync(m => m.Vin == vin && m.Section == "configuration"));
    }

    [Fact]
    public async Task Vehicle_metadata_is_stored_and_configuration_reaches_the_desired_state()
    {
        var vin = DemoVin('T', 'P', 40);
        await AsAdminAsync(async sp =>
        {
            var set = sp.GetRequiredService<SetVehicleMetadata>();
            await set.HandleAsync(new VehicleMetadataChange(vin, "configuration", new Dictionary<string, string?> { ["option_max_range"] = "80" }));
            // Outside the configuration section a desired-state name is only a name: nothing copies it into the shadow.
            await set.HandleAsync(new VehicleMetadataChange(vin, "registration", new Dictionary<string, string?> { ["owner"] = "Fleet 7", ["record_gps"] = "n/a" }));
            return 0;
        });
        await portal.SideEffectsSettledAsync();
        var desired = (await portal.Services.GetRequiredService<IDeviceShadows>().GetAsync(vin))!.Desired;
        Assert.Equal(80, desired["option_max_range"]!.GetValue<long>());
        await using (var db = portal.CreateDb())
            Assert.Equal("Fleet 7", await db.VehicleMetaSet.Where(m => m.Vin == vin && m.Section == "registration" && m.Key == "owner").Select(m => m.Value).SingleAsync());

        var reserved = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync(async sp =>
        {
            await sp.GetRequiredService<SetVehicleMetadata>().HandleAsync(new VehicleMetadataChange(vin, "telemetry", new Dictionary<string, string?> { ["x"] = "1" }));
            return 0;
        }));
        Assert.Contains("reserved section", reserved.Message, StringComparison.Ordinal);
    }
}
