using System.Security.Cryptography;
using Arc.Domain.Authorities;
using Arc.Infrastructure.Authorities;
using Arc.Infrastructure.Persistence;
using Arc.Portal.Security;
using Arc.Portal.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Tests.Integration;

public sealed class DataProtectionTests(PortalServer portal) : IClassFixture<PortalServer>
{
    /// <summary>A second reader of the portal's stored key ring, as a restarted portal would be, with the given vault.</summary>
    private ServiceProvider KeyRingReader(IKeyVault vault)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped<ArcDbContext>(_ => portal.CreateDb());
        services.AddDataProtection().SetApplicationName("arc-portal").PersistKeysToDbContext<ArcDbContext>();
        services.AddSingleton(vault);
        services.AddOptions<KeyManagementOptions>().Configure<IKeyVault>((o, v) =>
        {
            o.XmlEncryptor = new VaultXmlEncryptor(v);
            o.AutoGenerateKeys = false; // a reader only: never add keys to the portal's ring
        });
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Session_keys_are_stored_sealed_and_only_the_portals_vault_opens_them()
    {
        var protector = portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("arc.test");
        var token = protector.Protect("signed-in");

        await using (var db = portal.CreateDb())
        {
            var stored = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
            Assert.NotEmpty(stored);
            Assert.All(stored, xml =>
            {
                Assert.Contains("<sealedKey", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            });
        }

        // A portal started again with the same vault reads the ring from the database and accepts the old token.
        await using (var same = KeyRingReader(portal.Services.GetRequiredService<IKeyVault>()))
            Assert.Equal("signed-in", same.GetRequiredService<IDataProtectionProvider>().CreateProtector("arc.test").Unprotect(token));

        // A copy of the database with another master key cannot.
        var otherVault = new LocalKeyVault(Options.Create(new KeyVaultOptions { MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));
        await using var other = KeyRingReader(otherVault);
        Assert.ThrowsAny<CryptographicException>(() => other.GetRequiredService<IDataProtectionProvider>().CreateProtector("arc.test").Unprotect(token));
    }
}
