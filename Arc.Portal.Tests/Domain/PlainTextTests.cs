using Arc.Domain.Common;

namespace Arc.Portal.Tests.Domain;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("Ann Smith")]
    [InlineData("José Müller-Łukasz")]
    [InlineData("山田 太郎")]
    [InlineData("مرکز خدمات")] // Persian: right-to-left by its letters, no override needed
    [InlineData("می\u200Cخواهم")] // the zero-width non-joiner Persian spelling needs
    [InlineData("👩\u200D🔧 Service")] // a joined emoji
    public void Names_people_write_are_plain(string text) => Assert.False(PlainText.HasHiddenCharacters(text));

    [Theory]
    [InlineData("Admin\u202Egpj.exe")] // right-to-left override
    [InlineData("a\u202Ab")] // left-to-right embedding
    [InlineData("a\u2066b\u2069")] // isolates
    [InlineData("a\u200Fb")] // right-to-left mark
    [InlineData("zero\u200Bwidth")]
    [InlineData("\uFEFFbom")]
    [InlineData("line\u2028break")]
    [InlineData("tab\tinside")]
    [InlineData("nul\u0000")]
    [InlineData("soft\u00ADhyphen")]
    public void Hidden_characters_are_found(string text) => Assert.True(PlainText.HasHiddenCharacters(text));

    [Fact]
    public void Half_a_surrogate_pair_is_hidden_text() =>
        Assert.True(PlainText.HasHiddenCharacters("half " + (char)0xD83D + " pair")); // built here: theory data would not carry it intact
}
