using Arc.Domain.Users;

namespace Arc.Portal.Tests.Domain;

public class PasswordPolicyTests
{
    private readonly PasswordPolicy _policy = new();

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("Sh0rt!", "at least 12")]
    [InlineData("Ab3!efghijk", "at least 12")]
    public void Missing_and_short_passwords_are_refused(string? password, string reason)
    {
        Assert.Contains(reason, _policy.Check(password), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("alllowercaseletters")]
    [InlineData("NOSYMBOLSORDIGITS")]
    [InlineData("748291035566")]
    [InlineData("Über-Straße im Schnee")]
    public void Long_passwords_pass_without_any_character_classes(string password)
    {
        Assert.Null(_policy.Check(password));
    }

    [Fact]
    public void The_maximum_stays_128_characters()
    {
        Assert.Null(_policy.Check(new string('x', 128)));
        Assert.Contains("at most 128", _policy.Check(new string('y', 129)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Password123!")]
    [InlineData("PASSWORD1234")]
    [InlineData("qwertyuiop123")]
    [InlineData("Welcome2024!")]
    [InlineData("1q2w3e4r5t6y")]
    [InlineData("ILoveYou1234")]
    [InlineData("123456789012")]
    [InlineData("Football2019")]
    public void Commonly_used_passwords_are_refused_whatever_their_case(string password)
    {
        Assert.Contains("commonly used", _policy.Check(password), StringComparison.Ordinal);
    }

    [Fact]
    public void The_bundled_list_holds_thousands_of_passwords()
    {
        Assert.True(CommonPasswords.Count > 5_000, $"only {CommonPasswords.Count}");
        Assert.True(CommonPasswords.Contains("LETMEIN12345"));
        Assert.False(CommonPasswords.Contains("marmalade-tractor-harbour"));
    }

    [Theory]
    [InlineData("river.song@arc.test", "river.song")]
    [InlineData("river.song@arc.test", "River.Song-2024-key")]
    [InlineData("kestrel@arc.test", "my kestrel is fast")]
    public void A_password_with_the_email_name_in_it_is_refused(string email, string password)
    {
        Assert.Contains("email", new PasswordPolicy(8).Check(password, email), StringComparison.Ordinal);
    }

    [Fact]
    public void Short_email_names_are_not_searched_for_inside_passwords()
    {
        Assert.Null(_policy.Check("Jo-Own-Passw0rd!", "jo@arc.test"));
        Assert.Null(_policy.Check("kestrel is fast", null));
    }

    [Fact]
    public void The_minimum_length_is_configurable_but_never_below_8()
    {
        var strict = new PasswordPolicy(16);
        Assert.Contains("at least 16", strict.Check("fifteen chars ok"[..15]), StringComparison.Ordinal);
        Assert.Null(strict.Check("sixteen chars ok"));
        Assert.Null(new PasswordPolicy(8).Check("gr8 tune"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PasswordPolicy(7));
        Assert.Equal(12, _policy.MinLength);
        Assert.Contains("At least 12 characters", _policy.Description, StringComparison.Ordinal);
    }
}
