using System.Security.Cryptography;
using System.Text;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Infrastructure.Authorities;
using Microsoft.Extensions.Options;

namespace Arc.Portal.Tests.Integration;

public class KeyVaultTests
{
    private static readonly SealContext Pin = SealContext.FactoryPin("DEV-7F7ATR31XLER00019");

    private static LocalKeyVault Vault(byte[]? key = null) =>
        new(Options.Create(new KeyVaultOptions { MasterKey = Convert.ToBase64String(key ?? RandomNumberGenerator.GetBytes(32)) }));

    private static LocalKeyVault Vault(IReadOnlyDictionary<int, byte[]> keys, int? current = null, byte[]? first = null) =>
        new(Options.Create(new KeyVaultOptions
        {
            MasterKey = first is null ? null : Convert.ToBase64String(first),
            MasterKeys = keys.ToDictionary(k => k.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), k => Convert.ToBase64String(k.Value)),
            CurrentVersion = current,
        }));

    /// <summary>A value as the vault sealed it before values had contexts: AES-GCM under key 1, the reference alone as associated data.</summary>
    private static SealedSecret SealedTheOldWay(byte[] key, byte[] plaintext)
    {
        var output = new byte[28 + plaintext.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(output.AsSpan(0, 12), plaintext, output.AsSpan(28), output.AsSpan(12, 16), Encoding.ASCII.GetBytes(LocalKeyVault.LegacyReference));
        return new SealedSecret(LocalKeyVault.LegacyReference, output);
    }

    [Fact]
    public async Task A_sealed_private_key_unseals_to_the_same_bytes_and_never_shows_the_pem()
    {
        var vault = Vault();
        var (pem, point) = AuthorityKeyPair.Generate();
        var sealedKey = await vault.SealAsync(pem, SealContext.AuthorityKey(point));
        Assert.Equal(LocalKeyVault.ReferenceFor(1), sealedKey.KeyReference);
        Assert.DoesNotContain("PRIVATE KEY", Encoding.ASCII.GetString(sealedKey.Ciphertext), StringComparison.Ordinal);
        Assert.Equal(pem, await vault.UnsealAsync(sealedKey, SealContext.AuthorityKey(point)));
    }

    [Fact]
    public async Task A_value_opens_only_for_the_purpose_and_row_it_was_sealed_for()
    {
        var vault = Vault();
        var sealedPin = await vault.SealAsync(Encoding.ASCII.GetBytes("482913"), Pin);
        Assert.Equal("482913", Encoding.ASCII.GetString(await vault.UnsealAsync(sealedPin, Pin)));

        // The same PIN copied into another vehicle's row, or read as another kind of secret, does not open.
        await Assert.ThrowsAnyAsync<CryptographicException>(() => vault.UnsealAsync(sealedPin, SealContext.FactoryPin("DEV-7F7ATR31XLER00027")));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => vault.UnsealAsync(sealedPin, SealContext.ManagedPin("DEV-7F7ATR31XLER00019")));
        var (_, point) = AuthorityKeyPair.Generate();
        var (_, otherPoint) = AuthorityKeyPair.Generate();
        var sealedKey = await vault.SealAsync([1, 2, 3], SealContext.AuthorityKey(point));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => vault.UnsealAsync(sealedKey, SealContext.AuthorityKey(otherPoint)));
        // Purpose and subject cannot be traded against each other.
        var split = await vault.SealAsync([7], new SealContext("totp", "ab"));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => vault.UnsealAsync(split, new SealContext("totpa", "b")));
    }

    [Fact]
    public async Task A_tampered_ciphertext_or_another_master_key_cannot_unseal()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var sealedKey = await Vault(key).SealAsync(Encoding.ASCII.GetBytes("secret"), Pin);
        var tampered = (byte[])sealedKey.Ciphertext.Clone();
        tampered[^1] ^= 1;
        await Assert.ThrowsAnyAsync<CryptographicException>(() => Vault(key).UnsealAsync(sealedKey with { Ciphertext = tampered }, Pin));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => Vault().UnsealAsync(sealedKey, Pin));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Vault(key).UnsealAsync(sealedKey with { KeyReference = "arn:aws:kms:other" }, Pin));
    }

    [Fact]
    public async Task New_values_are_sealed_with_the_current_version_and_values_of_every_configured_version_open()
    {
        var (one, two) = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        var before = Vault(one);
        var old = await before.SealAsync(Encoding.ASCII.GetBytes("old"), Pin);
        Assert.True(before.IsCurrent(old));

        // Rotation: KeyVault:MasterKey stays version 1, KeyVault:MasterKeys:2 is added and is the highest, so current.
        var rotated = Vault(new Dictionary<int, byte[]> { [2] = two }, first: one);
        Assert.Equal(2, rotated.CurrentVersion);
        var fresh = await rotated.SealAsync(Encoding.ASCII.GetBytes("new"), Pin);
        Assert.Equal(LocalKeyVault.ReferenceFor(2), fresh.KeyReference);
        Assert.Equal("old", Encoding.ASCII.GetString(await rotated.UnsealAsync(old, Pin)));
        Assert.Equal("new", Encoding.ASCII.GetString(await rotated.UnsealAsync(fresh, Pin)));
        Assert.False(rotated.IsCurrent(old));
        Assert.True(rotated.IsCurrent(fresh));

        // Until the switch is made explicitly, version 1 can stay current with version 2 already known to every node.
        var staged = Vault(new Dictionary<int, byte[]> { [1] = one, [2] = two }, current: 1);
        Assert.Equal(LocalKeyVault.ReferenceFor(1), (await staged.SealAsync([1], Pin)).KeyReference);
        Assert.Equal("new", Encoding.ASCII.GetString(await staged.UnsealAsync(fresh, Pin)));

        // Once version 1 is retired, what it sealed no longer opens, with a message that says which key is missing.
        var retired = Vault(new Dictionary<int, byte[]> { [2] = two });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => retired.UnsealAsync(old, Pin));
        Assert.Contains("KeyVault:MasterKeys:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_sealed_before_contexts_existed_still_open_and_count_as_not_current()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var legacy = SealedTheOldWay(key, Encoding.ASCII.GetBytes("kept since last year"));
        var vault = Vault(key);
        Assert.Equal("kept since last year", Encoding.ASCII.GetString(await vault.UnsealAsync(legacy, Pin)));
        Assert.False(vault.IsCurrent(legacy));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => Vault().UnsealAsync(legacy, Pin));
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
    public void Key_versions_that_contradict_each_other_or_are_missing_stop_the_vault_from_starting()
    {
        var (one, two) = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        Assert.Contains("differ", Assert.Throws<InvalidOperationException>(() => Vault(new Dictionary<int, byte[]> { [1] = two }, first: one)).Message,
            StringComparison.Ordinal);
        Assert.Contains("CurrentVersion is 3", Assert.Throws<InvalidOperationException>(() => Vault(new Dictionary<int, byte[]> { [2] = two }, current: 3, first: one)).Message,
            StringComparison.Ordinal);
        var named = Assert.Throws<InvalidOperationException>(() => new LocalKeyVault(Options.Create(new KeyVaultOptions
        {
            MasterKeys = new Dictionary<string, string> { ["next"] = Convert.ToBase64String(two) },
        })));
        Assert.Contains("KeyVault:MasterKeys:next", named.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sealed_value_round_trips_through_its_text_form_and_a_plain_value_reads_as_it_is()
    {
        var sealedSecret = new SealedSecret("ctx:arn:aws:kms:us-west-2:111122223333:key/1234abcd", [0, 1, 2, 250, 251]);
        var text = sealedSecret.ToText();
        Assert.True(SealedSecret.IsSealedText(text));
        var back = SealedSecret.FromText(text);
        Assert.Equal(sealedSecret.KeyReference, back.KeyReference);
        Assert.Equal(sealedSecret.Ciphertext, back.Ciphertext);
        Assert.False(SealedSecret.IsSealedText("482913"));

        var vault = Vault();
        Assert.Equal("482913", await vault.UnsealTextAsync("482913", Pin, "PIN"));
        var stored = await vault.SealTextAsync("482913", Pin);
        Assert.DoesNotContain("482913", stored, StringComparison.Ordinal);
        Assert.Equal("482913", await vault.UnsealTextAsync(stored, Pin, "PIN"));
        // A sealed value in the wrong row is the domain's conflict, with a message a page can show.
        var moved = await Assert.ThrowsAsync<ConflictException>(() => vault.UnsealTextAsync(stored, SealContext.FactoryPin("DEV-OTHER"), "factory PIN of DEV-OTHER"));
        Assert.Contains("factory PIN of DEV-OTHER", moved.Message, StringComparison.Ordinal);
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

            var sealedSecret = await vaults[0].SealAsync(Encoding.ASCII.GetBytes("shared"), Pin);
            foreach (var vault in vaults)
                Assert.Equal("shared", Encoding.ASCII.GetString(await vault.UnsealAsync(sealedSecret, Pin)));
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
