using System.Diagnostics;
using System.Security.Cryptography;
using Arc.Domain.Authorities;
using Arc.Infrastructure.Authorities;
using Microsoft.Extensions.Options;

namespace Arc.Bench;

/// <summary>
/// Token signing: the portal's path (unseal the authority key from the local vault, load it, canonicalise the token
/// JSON, sign, format) against bare ECDSA P-256 signing of the same payload with a key already in memory.
/// </summary>
public static class TokenSigningBenchmark
{
    public static Task RunAsync(BenchRun run)
    {
        var seconds = run.Size(5, 0.3);
        var vault = new LocalKeyVault(Options.Create(new KeyVaultOptions { MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));
        var (pem, point) = AuthorityKeyPair.Generate();
        var sealedKey = vault.SealAsync(pem, SealContext.AuthorityKey(point)).GetAwaiter().GetResult();
        const string token = "{\"vin\": \"7F7ATR312KER00000\", \"expires\": 1893456000, \"holder\": \"Zoë\"}";
        using var loaded = AuthorityKeyPair.LoadPrivate(pem);
        var payloadBytes = System.Text.Encoding.UTF8.GetBytes(PythonJson.Canonicalize(token));

        var bare = Measure(seconds, () => loaded.SignData(payloadBytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        var portal = Measure(seconds, () =>
        {
            var key = vault.UnsealAsync(sealedKey, SealContext.AuthorityKey(point)).GetAwaiter().GetResult();
            using var ecdsa = AuthorityKeyPair.LoadPrivate(key);
            Array.Clear(key);
            var (payload, _) = VehicleToken.Prepare(token);
            return VehicleToken.Sign(payload, ecdsa);
        });
        var check = Measure(run.Pick(1, 0.1), () => VehicleToken.Verify(VehicleToken.Sign(PythonJson.Canonicalize(token), loaded), Convert.ToBase64String(point)) ? 1 : 0);

        Console.WriteLine("| path | signatures per second | mean µs |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| bare ECDSA P-256 sign (key in memory) | {bare.PerSecond:N0} | {bare.MeanMicroseconds:F1} |");
        Console.WriteLine($"| portal: unseal (AES-GCM) + load PEM + canonical JSON + sign + format | {portal.PerSecond:N0} | {portal.MeanMicroseconds:F1} |");
        Console.WriteLine();
        Console.WriteLine($"Portal path runs at {portal.PerSecond / bare.PerSecond:P0} of bare signing ({bare.PerSecond / portal.PerSecond:F2}x slower); sanity verifications: {check.Count:N0}.");
        run.Figure("bare_signs_per_s", bare.PerSecond);
        run.Figure("portal_signs_per_s", portal.PerSecond);
        run.Figure("portal_ratio", portal.PerSecond / bare.PerSecond);
        // A run that signs garbage fast proves nothing: the portal's token must verify against the public key.
        var signed = VehicleToken.Sign(VehicleToken.Prepare(token).Payload, loaded);
        return VehicleToken.Verify(signed, Convert.ToBase64String(point)) ? Task.CompletedTask
            : throw new InvalidOperationException("A token signed on the portal's path did not verify.");
    }

    private static (double PerSecond, double MeanMicroseconds, long Count) Measure<T>(double seconds, Func<T> action)
    {
        for (var i = 0; i < 200; i++)
            action();
        var clock = Stopwatch.StartNew();
        long count = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            action();
            count++;
        }
        var elapsed = clock.Elapsed.TotalSeconds;
        return (count / elapsed, elapsed * 1_000_000 / count, count);
    }
}
