using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Email;

namespace Arc.Portal.Tests.Integration;

public sealed class EmailRenderingTests
{
    [Fact]
    public void Values_render_as_they_are_and_html_parts_use_the_escaped_copies()
    {
        var data = TemplateRenderer.TemplateData(new JsonObject { ["name"] = "<b>Ann & \"Bo\"</b> = `x`'", ["user"] = new JsonObject { ["id"] = 7 }, ["flag"] = true });
        Assert.Equal("Hi &lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt; &#x3D; &#x60;x&#x60;&#x27;, 7 true []",
            TemplateRenderer.Render("Hi {{html.name}}, {{ html.user.id }} {{flag}} [{{missing}}]", data));
        // As SES: no escaping of its own, so text parts read naturally.
        Assert.Equal("<b>Ann & \"Bo\"</b> = `x`'", TemplateRenderer.Render("{{name}}", data));
        Assert.Equal("<b>Ann & \"Bo\"</b> = `x`'", TemplateRenderer.Render("{{{name}}}", data));
        Assert.Equal(new HashSet<string> { "name", "temporaryPassword" }, TemplateRenderer.Variables("{{name}} {{{temporaryPassword}}}"));
    }

    [Theory]
    [InlineData("ann@example.com", true)]
    [InlineData("ann.b+tag@sub.example.co", true)]
    [InlineData("a@b.c", true)]
    [InlineData("", false)]
    [InlineData("ann", false)]
    [InlineData("ann@", false)]
    [InlineData("@example.com", false)]
    [InlineData("ann@example", false)]
    [InlineData("ann@@example.com", false)]
    [InlineData("ann smith@example.com", false)]
    [InlineData("Ann <ann@example.com>", false)]
    [InlineData("ann@example..com", false)]
    [InlineData("ann@-example.com", false)]
    [InlineData(".ann@example.com", false)]
    [InlineData("ann\r\nBcc: x@y.z@example.com", false)]
    [InlineData("jos\u00e9@example.com", false)]
    [InlineData("ann@ex\u00e4mple.com", false)]
    [InlineData("ann@xn--exmple-cua.com", true)]
    [InlineData("ann\u202e@example.com", false)]
    [InlineData("ann@example.123", false)]
    public void Email_addresses_follow_the_portal_rule(string address, bool valid) => Assert.Equal(valid, EmailAddress.IsValid(address));

    [Fact]
    public void An_address_longer_than_254_characters_is_refused() =>
        Assert.False(EmailAddress.IsValid(new string('a', 60) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com"));
}
