using Arc.Domain.Common;
using Arc.Domain.Credentials;
using Arc.Infrastructure.Credentials;

namespace Arc.Portal.Tests.Domain;

public class ServiceCredentialRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_secret_verifies_against_its_salted_hash_only()
    {
        var secret = CredentialSecrets.NewSecret();
        var hash = CredentialSecrets.Hash(secret);

        Assert.StartsWith(CredentialSecrets.SecretPrefix, secret, StringComparison.Ordinal);
        Assert.StartsWith($"pbkdf2-sha256${CredentialSecrets.Iterations}$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, hash, StringComparison.Ordinal);
        Assert.True(CredentialSecrets.Verify(hash, secret));
        Assert.False(CredentialSecrets.Verify(hash, secret + "x"));
        Assert.False(CredentialSecrets.Verify(hash, secret.ToUpperInvariant()));
        Assert.False(CredentialSecrets.Verify(hash, ""));
        Assert.False(CredentialSecrets.Verify(hash, null));
        // The same secret hashed twice differs (its own salt), and both verify.
        var again = CredentialSecrets.Hash(secret);
        Assert.NotEqual(hash, again);
        Assert.True(CredentialSecrets.Verify(again, secret));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("pbkdf2-sha256$x$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64!$AAAA")]
    [InlineData("md5$1$AAAA$AAAA")]
    public void A_malformed_stored_hash_verifies_nothing(string stored) =>
        Assert.False(CredentialSecrets.Verify(stored, "arcs_anything"));

    [Fact]
    public void Client_ids_and_secrets_are_random_and_distinct()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => CredentialSecrets.NewClientId()).ToHashSet();
        var secrets = Enumerable.Range(0, 50).Select(_ => CredentialSecrets.NewSecret()).ToHashSet();
        Assert.Equal(50, ids.Count);
        Assert.Equal(50, secrets.Count);
        Assert.All(ids, id => Assert.Matches("^arc-[0-9a-f]{20}$", id));
        Assert.All(secrets, s => Assert.Matches("^arcs_[A-Za-z0-9_-]{43}$", s));
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("   ", "name")]
    [InlineData("Factory\u202Eline", "name")]
    [InlineData("Line\u0000two", "name")]
    public void Hostile_or_empty_names_are_refused(string name, string field)
    {
        var refused = Assert.Throws<ValidationFailedException>(() => CredentialRules.Name(name));
        Assert.Contains(field, refused.Errors.Keys);
    }

    [Fact]
    public void Oversized_fields_are_refused_and_markup_is_kept_as_text()
    {
        Assert.Throws<ValidationFailedException>(() => CredentialRules.Name(new string('n', CredentialRules.MaxNameLength + 1)));
        Assert.Throws<ValidationFailedException>(() => CredentialRules.Description(new string('d', CredentialRules.MaxDescriptionLength + 1)));
        Assert.Equal("<script>alert(1)</script>", CredentialRules.Name("  <script>alert(1)</script> "));
        Assert.Equal("Two lines\nof text", CredentialRules.Description("Two lines\nof text"));
        Assert.Null(CredentialRules.Description("   "));
    }

    [Fact]
    public void The_expiry_must_be_in_the_future_and_within_two_years()
    {
        Assert.Throws<ValidationFailedException>(() => CredentialRules.Expiry(null, Now));
        Assert.Throws<ValidationFailedException>(() => CredentialRules.Expiry(Now.AddSeconds(-1), Now));
        Assert.Throws<ValidationFailedException>(() => CredentialRules.Expiry(Now, Now));
        Assert.Throws<ValidationFailedException>(() => CredentialRules.Expiry(Now.AddDays(731), Now));
        Assert.Equal(Now.AddDays(90), CredentialRules.Expiry(Now.AddDays(90), Now));
    }

    [Fact]
    public void The_overlap_is_between_none_and_thirty_days()
    {
        Assert.Equal(TimeSpan.Zero, CredentialRules.Overlap(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromDays(7), CredentialRules.Overlap(TimeSpan.FromDays(7)));
        Assert.Throws<ValidationFailedException>(() => CredentialRules.Overlap(TimeSpan.FromMinutes(-1)));
        Assert.Throws<ValidationFailedException>(() => CredentialRules.Overlap(TimeSpan.FromDays(31)));
    }

    [Fact]
    public void Status_is_revoked_before_expired_before_active()
    {
        Assert.Equal(CredentialStatus.Active, ServiceCredential.StatusOf(null, Now.AddMinutes(1), Now));
        Assert.Equal(CredentialStatus.Expired, ServiceCredential.StatusOf(null, Now, Now));
        Assert.Equal(CredentialStatus.Revoked, ServiceCredential.StatusOf(Now.AddDays(-1), Now.AddDays(10), Now));
        Assert.Equal(CredentialStatus.Revoked, ServiceCredential.StatusOf(Now.AddDays(-1), Now.AddDays(-2), Now));
    }

    [Fact]
    public void A_token_holds_while_its_secret_is_in_its_overlap_and_not_a_moment_after()
    {
        var overlapEnds = Now.AddHours(1);
        var state = new CredentialState(1, "credential:arc-x", null, Now.AddDays(30),
            new Dictionary<int, DateTimeOffset?> { [1] = overlapEnds, [2] = null }, new HashSet<string>());

        Assert.True(state.IsActiveAt(Now, 1));
        Assert.True(state.IsActiveAt(overlapEnds.AddTicks(-1), 1));
        Assert.False(state.IsActiveAt(overlapEnds, 1));
        Assert.True(state.IsActiveAt(overlapEnds, 2));
        Assert.False(state.IsActiveAt(Now, 3));
        Assert.False(state.IsActiveAt(Now.AddDays(30), 2));
        Assert.False((state with { RevokedAt = Now }).IsActiveAt(Now, 2));
        Assert.False(state.AsAccount(active: false).IsActive);
    }
}
