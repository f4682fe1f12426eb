using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Provisioning;
using Arc.Domain.Shadows;
using Arc.Infrastructure.Provisioning;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Arc.Portal.Tests.Integration;

/// <summary>Makes a chosen provisioning step fail, as a real outage would.</summary>
public sealed class StepFault : IProvisioningFaults
{
    public string? FailAt { get; set; }

    /// <summary>Makes every step slow, so that a second run can be started while the first is under way.</summary>
    public TimeSpan Delay { get; set; }

    public async Task BeforeStepAsync(string step, CancellationToken ct)
    {
        if (Delay > TimeSpan.Zero)
            await Task.Delay(Delay, ct);
        if (step == FailAt)
            throw new InvalidOperationException($"injected failure at {step}");
    }
}

public sealed class ProvisioningPortal : IAsyncLifetime
{
    public StepFault Fault { get; } = new();
    public PortalServer Portal { get; } = new();

    public Task InitializeAsync()
    {
        Portal.ConfigureServices = services => services.AddSingleton<IProvisioningFaults>(Fault);
        return Portal.InitializeAsync();
    }

    public Task DisposeAsync() => Portal.DisposeAsync();
}

public sealed class ProvisioningTests(ProvisioningPortal fixture) : IClassFixture<ProvisioningPortal>
{
    private static int _serial = 50_000;
    private PortalServer Portal => fixture.Portal;

    private static string NewVin() => "DEV-" + DemoData.MakeVin('T', 'P', Interlocked.Increment(ref _serial));

    private async Task<ProvisionResult> ProvisionAsync(string vin, bool preservePin = false, int release = 3, bool managed = false)
    {
        await using var scope = await Portal.AsUserAsync(await Portal.AdminUsernameAsync());
        return await scope.ServiceProvider.GetRequiredService<ProvisionVehicle>()
            .HandleAsync(new ProvisionRequest(vin, release, new VehicleOptions(true, false, true), managed, preservePin));
    }

    /// <summary>Everything provisioning touches for a VIN, so "as before" can be compared.</summary>
    private async Task<string> SnapshotAsync(string vin)
    {
        await using var db = Portal.CreateDb();
        var registry = Portal.Services.GetRequiredService<IDeviceRegistry>();
        var shadow = await Portal.Services.GetRequiredService<IDeviceShadows>().GetAsync(vin);
        return JsonSerializer.Serialize(new
        {
            vehicle = await db.VehicleSet.Where(v => v.Vin == vin).Select(v => new { v.ModelReleaseId }).ToListAsync(),
            fleets = await db.FleetVehicleSet.Where(f => f.Vin == vin).Select(f => f.FleetId).OrderBy(f => f).ToListAsync(),
            authorities = await db.VehicleAuthoritySet.Where(a => a.Vin == vin).Select(a => a.AuthorityId).OrderBy(a => a).ToListAsync(),
            points = await db.TelemetryPointSet.Where(p => p.Vin == vin).Select(p => p.Point).OrderBy(p => p).ToListAsync(),
            pin = await db.AuthorityMetaSet.Where(m => m.Vin == vin).Select(m => m.Value).ToListAsync(),
            options = await db.VehicleMetaSet.Where(m => m.Vin == vin && m.Section == "options").OrderBy(m => m.Key).Select(m => m.Key + "=" + m.Value).ToListAsync(),
            managed = await db.ManagedVehicleSet.AnyAsync(m => m.Vin == vin),
            thing = (await registry.DescribeThingAsync(vin))?.ThingGroup,
            certificates = await registry.ListThingCertificatesAsync(vin),
            desired = shadow?.Desired.ToJsonString(),
        });
    }

    [Fact]
    public async Task A_new_vehicle_gets_a_working_identity_the_root_key_and_the_default_points()
    {
        var vin = NewVin();
        var result = await ProvisionAsync(vin);

        Assert.True(result.Succeeded, result.Error);
        Assert.All(result.Steps, s => Assert.Contains(s.Status, new[] { StepStatus.Done, StepStatus.NotNeeded }));
        Assert.False(FactoryPin.IsTrivial(result.Pin!));
        Assert.Matches("^[0-9]{6}$", result.Pin!);

        using var identity = JsonDocument.Parse(result.IdentityFile!);
        var root = identity.RootElement;
        Assert.Equal(vin, root.GetProperty("vin").GetString());
        Assert.Equal(result.Pin, root.GetProperty("pin").GetString());
        Assert.True(root.GetProperty("options").GetProperty("heated_seats").GetBoolean());
        Assert.False(root.GetProperty("options").GetProperty("heated_grips").GetBoolean());

        // The certificate chains to the registry's CA, and the key in the file is the certificate's key.
        using var certificate = X509Certificate2.CreateFromPem(root.GetProperty("client_cert").GetString(), root.GetProperty("client_key").GetString());
        using var ca = X509Certificate2.CreateFromPem(root.GetProperty("aws_cert").GetString());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal($"CN={vin}", certificate.Subject);
        using var key = certificate.GetECDsaPrivateKey()!;
        byte[] message = [1, 2, 3];
        var signature = key.SignData(message, HashAlgorithmName.SHA256);
        using var publicKey = certificate.GetECDsaPublicKey()!;
        Assert.True(publicKey.VerifyData(message, signature, HashAlgorithmName.SHA256));

        var shadow = await Portal.Services.GetRequiredService<IDeviceShadows>().GetAsync(vin);
        await using var db = Portal.CreateDb();
        var rootKey = Convert.ToBase64String((await db.AuthoritySet.SingleAsync(a => a.Id == Authority.RootId)).PublicKey);
        Assert.Equal([rootKey], shadow!.Desired["trusted_keys"]!.AsArray().Select(k => k!.GetValue<string>()));
        Assert.Equal(ProvisionVehicle.DefaultTelemetryPoints.Order(StringComparer.Ordinal),
            shadow.Desired["telemetry_points"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(DesiredState.DefaultTelemetryVersion, shadow.Desired["telemetry_version"]!.GetValue<string>());
        Assert.True(await db.FleetVehicleSet.AnyAsync(f => f.Vin == vin && f.FleetId == 1));
        // The device private key is not stored anywhere in the database.
        var states = await db.ProvisioningStepSet.Where(s => s.State != null).Select(s => s.State!).ToListAsync();
        Assert.NotEmpty(states);
        Assert.DoesNotContain(states, s => s.Contains("PRIVATE KEY", StringComparison.Ordinal) || s.Contains(result.Pin!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Re_provisioning_rotates_the_certificate_and_can_keep_the_factory_pin()
    {
        var vin = NewVin();
        var first = await ProvisionAsync(vin);
        var registry = Portal.Services.GetRequiredService<IDeviceRegistry>();
        var firstCertificates = await registry.ListThingCertificatesAsync(vin);

        var kept = await ProvisionAsync(vin, preservePin: true, release: 2);
        Assert.True(kept.Succeeded, kept.Error);
        Assert.Equal(first.Pin, kept.Pin);
        // The replaced certificate is revoked through the outbox, once the run has succeeded.
        await Portal.SideEffectsSettledAsync();
        var now = await registry.ListThingCertificatesAsync(vin);
        Assert.Single(now);
        Assert.DoesNotContain(firstCertificates.Single(), now);
        await using (var db = Portal.CreateDb())
            Assert.Equal(2, (await db.VehicleSet.SingleAsync(v => v.Vin == vin)).ModelReleaseId);

        var fresh = await ProvisionAsync(vin);
        Assert.True(fresh.Succeeded);
        Assert.NotEqual(first.Pin, fresh.Pin);

        // The record a page follows while a run happens: the latest run, with every step.
        await using var scope = await Portal.AsUserAsync(await Portal.AdminUsernameAsync());
        var latest = await scope.ServiceProvider.GetRequiredService<GetLatestProvisioningRun>().HandleAsync(vin, DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(RunStatus.Succeeded, latest!.Value.Status);
        Assert.Equal(ProvisionVehicle.StepNames, latest.Value.Steps.Select(s => s.Name));
        Assert.Null(await scope.ServiceProvider.GetRequiredService<GetLatestProvisioningRun>().HandleAsync(vin, DateTimeOffset.UtcNow.AddMinutes(5)));
    }

    public static TheoryData<string> Steps()
    {
        var data = new TheoryData<string>();
        foreach (var step in ProvisionVehicle.StepNames)
            data.Add(step);
        return data;
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task A_failure_at_any_step_of_a_new_provision_leaves_nothing_behind_and_a_retry_succeeds(string step)
    {
        var vin = NewVin();
        var before = await SnapshotAsync(vin);
        fixture.Fault.FailAt = step;
        ProvisionResult failed;
        try
        {
            failed = await ProvisionAsync(vin);
        }
        finally
        {
            fixture.Fault.FailAt = null;
        }
        Assert.False(failed.Succeeded);
        Assert.Equal(RunStatus.RolledBack, failed.Status);
        Assert.Equal(StepStatus.Failed, failed.Steps.Single(s => s.Name == step).Status);
        // The run's record says which step failed, in words for a page, with a reference to the logged detail.
        Assert.StartsWith($"{step}: The step failed unexpectedly (reference ", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", failed.Error, StringComparison.Ordinal);
        Assert.All(failed.Steps.TakeWhile(s => s.Name != step), s => Assert.Contains(s.Status, new[] { StepStatus.Compensated, StepStatus.NotNeeded }));
        Assert.All(failed.Steps.SkipWhile(s => s.Name != step).Skip(1), s => Assert.Equal(StepStatus.Pending, s.Status));
        // What the registry and the shadow must undo goes through the outbox.
        await Portal.SideEffectsSettledAsync();
        Assert.Equal(before, await SnapshotAsync(vin));
        Assert.Null(failed.PrivateKeyPem);

        var retry = await ProvisionAsync(vin);
        Assert.True(retry.Succeeded, retry.Error);
    }

    [Theory]
    [InlineData("provision_iot_certificate")]
    [InlineData("factory_pin_generate")]
    [InlineData("update_shadow_document")]
    [InlineData("provision_overview_dashboard")]
    public async Task A_failed_re_provision_keeps_the_vehicle_exactly_as_it_was(string step)
    {
        var vin = NewVin();
        Assert.True((await ProvisionAsync(vin, managed: true)).Succeeded);
        await Portal.SideEffectsSettledAsync();
        var before = await SnapshotAsync(vin);
        fixture.Fault.FailAt = step;
        try
        {
            Assert.False((await ProvisionAsync(vin, release: 1)).Succeeded);
        }
        finally
        {
            fixture.Fault.FailAt = null;
        }
        await Portal.SideEffectsSettledAsync();
        Assert.Equal(before, await SnapshotAsync(vin));
    }

    [Fact]
    public async Task Unprovisioning_removes_the_vehicle_its_grants_identity_and_shadow_but_keeps_notes_and_pin()
    {
        var vin = NewVin();
        var provisioned = await ProvisionAsync(vin);
        await using (var scope = await Portal.AsUserAsync(await Portal.AdminUsernameAsync()))
            await scope.ServiceProvider.GetRequiredService<UnprovisionVehicle>().HandleAsync(vin);
        await Portal.SideEffectsSettledAsync();

        await using var db = Portal.CreateDb();
        Assert.False(await db.VehicleSet.AnyAsync(v => v.Vin == vin));
        Assert.False(await db.FleetVehicleSet.AnyAsync(f => f.Vin == vin));
        Assert.False(await db.VehicleAuthoritySet.AnyAsync(a => a.Vin == vin));
        Assert.False(await db.TelemetryPointSet.AnyAsync(p => p.Vin == vin));
        Assert.Null(await Portal.Services.GetRequiredService<IDeviceRegistry>().DescribeThingAsync(vin));
        Assert.Null(await Portal.Services.GetRequiredService<IDeviceShadows>().GetAsync(vin));
        Assert.True(await db.NoteSet.AnyAsync(n => n.ObjectId == vin));
        Assert.Equal(provisioned.Pin, await new FactoryPinStore(Portal.Services.GetRequiredService<IKeyVault>()).RevealAsync(await db.AuthorityMetaSet.SingleAsync(m => m.Vin == vin)));
        Assert.True((await ProvisionAsync(vin, preservePin: true)).Succeeded);
    }

    [Fact]
    public async Task Two_provisions_of_one_vin_at_the_same_moment_run_one_and_tell_the_other_why()
    {
        var vin = NewVin();
        fixture.Fault.Delay = TimeSpan.FromMilliseconds(150);
        Task<ProvisionResult> first, second;
        try
        {
            first = ProvisionAsync(vin);
            await Eventually.ReturnsAsync(async () =>
            {
                await using var db = Portal.CreateDb();
                return await db.ProvisioningRunSet.CountAsync(r => r.Vin == vin && r.Status == RunStatus.Running);
            }, n => n == 1, TimeSpan.FromSeconds(10), "the first run starting");
            second = ProvisionAsync(vin, release: 2);
            var refused = await Assert.ThrowsAsync<ConflictException>(() => second);
            Assert.Contains($"{vin} is being provisioned right now", refused.Message, StringComparison.Ordinal);
            Assert.True((await first).Succeeded);
        }
        finally
        {
            fixture.Fault.Delay = TimeSpan.Zero;
        }
        await using var db = Portal.CreateDb();
        Assert.Equal(1, await db.ProvisioningRunSet.CountAsync(r => r.Vin == vin));
        Assert.Equal(3, (await db.VehicleSet.SingleAsync(v => v.Vin == vin)).ModelReleaseId);
        // Once the first has finished, the VIN is free again.
        Assert.True((await ProvisionAsync(vin, preservePin: true)).Succeeded);
        // Each run that took the VIN is audited from its start (the refused one never started).
        await using var after = Portal.CreateDb();
        Assert.Equal(2, await after.AuditSet.CountAsync(a => a.EntityId == vin && a.Action == Arc.Domain.Audit.AuditActions.VehicleProvisioningStarted));
        Assert.Equal(2, await after.AuditSet.CountAsync(a => a.EntityId == vin && a.Action == Arc.Domain.Audit.AuditActions.VehicleProvisioned));
    }

    [Theory]
    [InlineData("STAGE-7F7ATR31XLER00019", 3, "start with 'DEV-'")]
    [InlineData("DEV-7F7ATR310LER00019", 3, "check digit")]
    [InlineData("<script>", 3, "17 characters")]
    [InlineData("DEV-7F7ATR31XLER00019", 0, "Choose a model release")]
    [InlineData("DEV-7F7ATR31XLER00019", 999, "does not exist")]
    [InlineData("DEV-7F7ATR31XLER00019", 8, "model letter D")]
    public async Task Bad_provisioning_requests_are_refused_before_anything_is_done(string vin, int release, string reason)
    {
        await using var before = Portal.CreateDb();
        var runs = await before.ProvisioningRunSet.CountAsync();
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => ProvisionAsync(vin, release: release));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        await using var after = Portal.CreateDb();
        Assert.Equal(runs, await after.ProvisioningRunSet.CountAsync());
    }
}
