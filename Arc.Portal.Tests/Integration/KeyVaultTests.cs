using System.Security.Cryptography;
using System.Text;
using Arc.Domain.Authorities;
using Arc.Infrastructure.Authorities;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Tests.Integration;

public class KeyVaultTests
{
    private static LocalKeyVault Vault(byte[]? key = null) =>
        new(Options.Create(new KeyVaultOptions { MasterKey = Convert.ToBase64String(key ?? RandomNumberGenerator.GetBytes(32)) }));

    [Fact]
    public async Task A_sealed_private_key_unseals_to_the_same_bytes_and_never_shows_the_pem()
    {
        var vault = Vault();
        var (pem, _) = AuthorityKeyPair.Generate();
        var sealedKey = await vault.SealAsync(pem, null, default);
        Assert.Equal(LocalKeyVault.KeyReference, sealedKey.KeyReference);
        Assert.DoesNotContain("PRIVATE KEY", Encoding.ASCII.GetString(sealedKey.Ciphertext), StringComparison.Ordinal);
        Assert.Equal(pem, await vault.UnsealAsync(sealedKey));
    }

    [Fact]
    public async Task A_tampered_ciphertext_or_another_master_key_cannot_unseal()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var sealedKey = await Vault(key).SealAsync(Encoding.ASCII.GetBytes("secret"), null, default);
        var tampered = (byte[])sealedKey.Ciphertext.Clone();
        tampered[^1] ^= 1;
        await Assert.ThrowsAnyAsync<CryptographicException>(() => Vault(key).UnsealAsync(sealedKey with { Ciphertext = tampered }));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => Vault().UnsealAsync(sealedKey));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Vault(key).UnsealAsync(sealedKey with { KeyReference = "arn:aws:kms:other" }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not base64 !")]
    [InlineData("AAAA")]
    public void Without_a_usable_master_key_the_vault_refuses_to_start(string? masterKey)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new LocalKeyVault(Options.Create(new KeyVaultOptions { MasterKey = masterKey })));
        Assert.Contains("KeyVault", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portals_starting_together_on_a_fresh_checkout_share_one_generated_master_key()
    {
        var directory = Directory.CreateTempSubdirectory("arc-vault-");
        try
        {
            var file = Path.Combine(directory.FullName, "data", "keyvault.key");
            var options = Options.Create(new KeyVaultOptions { MasterKeyFile = file });
            using var start = new Barrier(8);
            var vaults = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                return new LocalKeyVault(options);
            })));

            var sealedSecret = await vaults[0].SealAsync(Encoding.ASCII.GetBytes("shared"), null, default);
            foreach (var vault in vaults)
                Assert.Equal("shared", Encoding.ASCII.GetString(await vault.UnsealAsync(sealedSecret)));
            // One key and its lock file; no half-written key left behind.
            Assert.Equal([file, file + ".lock"], Directory.GetFiles(Path.GetDirectoryName(file)!).Order(StringComparer.Ordinal));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
