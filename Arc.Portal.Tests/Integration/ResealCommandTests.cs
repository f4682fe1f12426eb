using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Arc.Domain.Authorities;
using Arc.Domain.Email;
using Arc.Domain.ManagedSessions;
using Arc.Domain.Provisioning;
using Arc.Domain.Users;
using Arc.Infrastructure.Authorities;
using Arc.Infrastructure.Seeding;
using Arc.Portal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Tests.Integration;

/// <summary>A portal whose first master key the test knows, so it can rotate to a second one.</summary>
public sealed class ResealPortal : IAsyncLifetime
{
    public byte[] FirstKey { get; } = RandomNumberGenerator.GetBytes(32);
    public PortalServer Portal { get; } = new();

    public Task InitializeAsync()
    {
        Portal.Settings["KeyVault:MasterKey"] = Convert.ToBase64String(FirstKey);
        return Portal.InitializeAsync();
    }

    public Task DisposeAsync() => Portal.DisposeAsync();
}

/// <summary>Master key rotation: a second key version becomes current, the reseal command moves everything to it, the first is retired.</summary>
public sealed class ResealCommandTests(ResealPortal fixture) : IClassFixture<ResealPortal>
{
    private static readonly string TamperedVin = "DEV-" + DemoData.MakeVin('T', 'M', 26);
    private static readonly string PlainVin = "DEV-" + DemoData.MakeVin('T', 'N', 33);
    private static readonly string SourceVin = "DEV-" + DemoData.MakeVin('T', 'L', 19);
    private static readonly string SessionVin = "DEV-" + DemoData.MakeVin('T', 'L', 47);
    private readonly byte[] _secondKey = RandomNumberGenerator.GetBytes(32);
    private PortalServer Portal => fixture.Portal;

    /// <summary>The portal's settings after the rotation: key 1 still known, key 2 (the highest) current.</summary>
    private async Task<Dictionary<string, string?>> RotatedSettingsAsync() => new()
    {
        ["ConnectionStrings:Portal"] = Portal.ConnectionString,
        ["Telemetry:Url"] = (await TestServers.GetAsync()).Influx!.Url.ToString(),
        ["Portal:Environment"] = "dev",
        ["KeyVault:MasterKey"] = Convert.ToBase64String(fixture.FirstKey),
        ["KeyVault:MasterKeys:2"] = Convert.ToBase64String(_secondKey),
        ["Email:PickupDirectory"] = Portal.Mailbox.Directory,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
    };

    private async Task<(int Exit, Dictionary<string, int[]> Counts, string Output)> ResealAsync()
    {
        var settings = await RotatedSettingsAsync();
        using var output = new StringWriter();
        var exit = await PortalCommands.RunAsync(["reseal"], output, builder => builder.Configuration.AddInMemoryCollection(settings));
        var text = output.ToString();
        // Each kind's row: the kind (24 characters), then examined, from plain, re-sealed, current, failed.
        var counts = text.Split('\n').Where(l => l.Length > 24 && l.TrimEnd().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 5
                                                  && char.IsDigit(l.TrimEnd()[^1]))
            .ToDictionary(l => l[..24].Trim(), l => l[24..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray());
        return (exit, counts, text);
    }

    /// <summary>A value as the vault sealed it before values had contexts.</summary>
    private SealedSecret SealedTheOldWay(byte[] plaintext)
    {
        var output = new byte[28 + plaintext.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var aes = new AesGcm(fixture.FirstKey, 16);
        aes.Encrypt(output.AsSpan(0, 12), plaintext, output.AsSpan(28), output.AsSpan(12, 16), Encoding.ASCII.GetBytes(LocalKeyVault.LegacyReference));
        return new SealedSecret(LocalKeyVault.LegacyReference, output);
    }

    [Fact]
    public async Task The_reseal_command_moves_every_sealed_value_to_the_current_key_so_the_old_one_can_be_retired()
    {
        var vault = Portal.Services.GetRequiredService<IKeyVault>();
        var admin = await Portal.AdminUsernameAsync();
        // One sealed value of every kind under key 1. Seeded: authority keys, data-protection keys, demo factory PINs.
        _ = Portal.Services.GetRequiredService<IDeviceRegistry>().RootCertificatePem; // the local CA key, made on first use
        TotpEnrolment enrolment;
        await using (var scope = await Portal.AsUserAsync(admin))
            enrolment = await scope.ServiceProvider.GetRequiredService<StartTotpEnrolment>().HandleAsync();
        string pemOfAuthority3, pinOfSource;
        long emailId;
        await using (var db = Portal.CreateDb())
        {
            // Authority 3's key as it was stored before values had contexts.
            var authority = await db.AuthoritySet.SingleAsync(a => a.Id == 3);
            var pem = await vault.UnsealAsync(new SealedSecret(authority.KeyReference, authority.EncryptedPrivateKey), SealContext.AuthorityKey(authority.PublicKey));
            pemOfAuthority3 = Encoding.ASCII.GetString(pem);
            var legacy = SealedTheOldWay(pem);
            (authority.KeyReference, authority.EncryptedPrivateKey) = (legacy.KeyReference, legacy.Ciphertext);

            var pins = new FactoryPinStore(vault);
            var source = await db.AuthorityMetaSet.SingleAsync(m => m.Vin == SourceVin && m.Key == AuthorityVehicleMeta.FactoryPinKey);
            pinOfSource = await pins.RevealAsync(source);
            // One PIN still plain, as an older version stored it, and one copied from another vehicle's row.
            (await db.AuthorityMetaSet.SingleAsync(m => m.Vin == PlainVin && m.Key == AuthorityVehicleMeta.FactoryPinKey)).Value = "271828";
            (await db.AuthorityMetaSet.SingleAsync(m => m.Vin == TamperedVin && m.Key == AuthorityVehicleMeta.FactoryPinKey)).Value = source.Value;

            db.ManagedSessionSet.Add(new ManagedSession { Vin = SessionVin, Pin = await new ManagedPinStore(vault).SealAsync(SessionVin, "640295"), Initialization = DateTimeOffset.UtcNow });
            var job = new BulkProvisioningJob { FileName = "rotation.csv", Actor = admin, Status = BulkJobStatus.Finished };
            db.BulkProvisioningJobSet.Add(job);
            await db.SaveChangesAsync();
            var identity = await vault.SealAsync(Encoding.UTF8.GetBytes("{\"vin\":\"rotation\"}"), SealContext.BulkIdentity(job.Id, 1));
            db.BulkProvisioningRowSet.Add(new BulkProvisioningRow
            {
                JobId = job.Id, Line = 1, Text = "rotation", Status = BulkRowStatus.Succeeded, IdentityKeyReference = identity.KeyReference, IdentityCiphertext = identity.Ciphertext,
            });
            // An email still to be delivered (not due for a day, so the portal leaves it alone).
            var (variables, secrets) = await new OutboxSecrets(vault).ProtectAsync("rotation@example.com", EmailTemplates.PasswordReset,
                TemplateRenderer.TemplateData(new JsonObject { ["name"] = "Rae", ["code"] = "905512" }));
            var email = new OutboxEmail
            {
                To = "rotation@example.com", Template = EmailTemplates.PasswordReset, Data = variables.ToJsonString(), Subject = "Reset",
                Text = TemplateRenderer.Render("code {{code}}", variables), Html = "", Sensitive = true, SealedSecrets = secrets,
                Created = DateTimeOffset.UtcNow, NextAttempt = DateTimeOffset.UtcNow.AddDays(1),
            };
            db.OutboxEmailSet.Add(email);
            await db.SaveChangesAsync();
            emailId = email.Id;
        }

        // First run: everything moves to key 2 except the copied PIN, which does not open and is reported.
        var (exit, counts, output) = await ResealAsync();
        Assert.True(exit == 1, output);
        // Examined, sealed from plain, re-sealed, already current, failed.
        Assert.Equal([DemoData.VehicleCount, 1, DemoData.VehicleCount - 2, 0, 1], counts[SecretResealer.FactoryPins]);
        Assert.Equal([3, 0, 3, 0, 0], counts[SecretResealer.AuthorityKeys]);
        // Two local roots: the devices' and the API clients'.
        Assert.True(counts[SecretResealer.LocalCaKey] is [2, 0, 2, 0, 0], string.Join(' ', counts[SecretResealer.LocalCaKey]));
        foreach (var kind in new[] { SecretResealer.TotpSecrets, SecretResealer.BulkIdentities, SecretResealer.ManagedPins, SecretResealer.EmailSecrets })
            Assert.True(counts[kind] is [1, 0, 1, 0, 0], $"{kind}: {string.Join(' ', counts[kind])}");
        Assert.True(counts[SecretResealer.DataProtectionKeys][2] >= 1);
        Assert.Contains("keep the old master keys", output, StringComparison.Ordinal);

        // The operator removes the copied PIN (a new one would be generated for that vehicle); the next run finishes.
        await using (var db = Portal.CreateDb())
            await db.AuthorityMetaSet.Where(m => m.Vin == TamperedVin && m.Key == AuthorityVehicleMeta.FactoryPinKey).ExecuteDeleteAsync();
        (exit, counts, output) = await ResealAsync();
        Assert.True(exit == 0, output);
        Assert.Contains("Every sealed value is now under the current key.", output, StringComparison.Ordinal);
        Assert.All(counts.Values, c => Assert.Equal((0, 0, 0), (c[1], c[2], c[4])));

        // Key 1 is retired: a vault with key 2 alone opens every value, each in its own row.
        var retired = new LocalKeyVault(Options.Create(new KeyVaultOptions { MasterKeys = new() { ["2"] = Convert.ToBase64String(_secondKey) } }));
        var current = LocalKeyVault.ReferenceFor(2);
        await using (var db = Portal.CreateDb())
        {
            Assert.All(await db.AuthoritySet.Select(a => a.KeyReference).ToListAsync(), r => Assert.Equal(current, r));
            var authority = await db.AuthoritySet.SingleAsync(a => a.Id == 3);
            Assert.Equal(pemOfAuthority3, Encoding.ASCII.GetString(await retired.UnsealAsync(new SealedSecret(authority.KeyReference, authority.EncryptedPrivateKey),
                SealContext.AuthorityKey(authority.PublicKey))));

            var pins = new FactoryPinStore(retired);
            Assert.All(await db.AuthorityMetaSet.Select(m => m.Value).ToListAsync(), v => Assert.StartsWith($"{SealedSecret.TextPrefix}{current}:", v, StringComparison.Ordinal));
            Assert.Equal(pinOfSource, await pins.ReadAsync(db, SourceVin));
            Assert.Equal("271828", await pins.ReadAsync(db, PlainVin));

            var user = await db.UserSet.SingleAsync(u => u.Username == admin);
            Assert.Equal(enrolment.Secret, Totp.Base32(await retired.UnsealAsync(new SealedSecret(user.TotpKeyReference!, user.TotpCiphertext!), SealContext.Totp(admin))));
            foreach (var ca in await db.Set<Arc.Infrastructure.Provisioning.StoredCertificateAuthority>().ToListAsync())
                Assert.Contains("PRIVATE KEY", Encoding.ASCII.GetString(await retired.UnsealAsync(new SealedSecret(ca.KeyReference, ca.SealedKey), SealContext.LocalCaKey(ca.Id))),
                    StringComparison.Ordinal);
            var row = await db.BulkProvisioningRowSet.SingleAsync(r => r.Text == "rotation");
            Assert.Equal(current, row.IdentityKeyReference);
            var session = await db.ManagedSessionSet.SingleAsync(s => s.Vin == SessionVin);
            Assert.Equal("640295", await new ManagedPinStore(retired).RevealAsync(session));
            var email = await db.OutboxEmailSet.SingleAsync(e => e.Id == emailId);
            Assert.Equal("code 905512", (await new OutboxSecrets(retired).RevealAsync(email)).Text);
            Assert.All(await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(), xml =>
            {
                Assert.Contains($"<keyReference>{current}</keyReference>", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            });
        }
    }
}
