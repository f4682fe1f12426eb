using Arc.Domain.Api;
using Arc.Domain.Common;

namespace Arc.Portal.Tests.Domain;

/// <summary>What an Idempotency-Key may be, and the fingerprint that tells a retry from another request under one key.</summary>
public sealed class IdempotencyRulesTests
{
    [Theory]
    [InlineData("3f2c9a4e-8b1d-4c7a-9e0f-1a2b3c4d5e6f")]
    [InlineData("line-7/vin-7F7ADR311MER00019/try-1")]
    [InlineData("!")]
    public void A_key_of_visible_ascii_is_taken_as_it_is(string key) => Assert.Equal(key, IdempotencyRules.Key(key));

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData(" padded", "visible ASCII")]
    [InlineData("tab\tkey", "visible ASCII")]
    [InlineData("naïve", "visible ASCII")]
    [InlineData("new\nline", "visible ASCII")]
    public void Any_other_key_is_refused_with_the_reason(string? key, string reason)
    {
        var refused = Assert.Throws<ValidationFailedException>(() => IdempotencyRules.Key(key));
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.True(refused.Errors.ContainsKey(IdempotencyRules.Header));
    }

    [Fact]
    public void A_key_longer_than_255_characters_is_refused() =>
        Assert.Contains("longer than 255", Assert.Throws<ValidationFailedException>(() => IdempotencyRules.Key(new string('a', 256))).Message, StringComparison.Ordinal);

    [Fact]
    public void The_fingerprint_differs_with_the_method_the_path_or_the_body_and_only_then()
    {
        var body = "{\"modelReleaseId\":3}"u8.ToArray();
        var same = IdempotencyRules.Fingerprint("PUT", "/api/v1/vehicles/A", body);
        Assert.Equal(same, IdempotencyRules.Fingerprint("put", "/api/v1/vehicles/A", body.ToArray()));
        Assert.Equal(64, same.Length);
        Assert.NotEqual(same, IdempotencyRules.Fingerprint("POST", "/api/v1/vehicles/A", body));
        Assert.NotEqual(same, IdempotencyRules.Fingerprint("PUT", "/api/v1/vehicles/B", body));
        Assert.NotEqual(same, IdempotencyRules.Fingerprint("PUT", "/api/v1/vehicles/A", "{\"modelReleaseId\":4}"u8));
        // The separator keeps a path ending and a body beginning apart.
        Assert.NotEqual(IdempotencyRules.Fingerprint("PUT", "/a", "\nb"u8), IdempotencyRules.Fingerprint("PUT", "/a\n", "b"u8));
    }
}
