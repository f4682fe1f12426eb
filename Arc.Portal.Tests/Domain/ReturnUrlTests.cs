using Arc.Portal.Security;

namespace Arc.Portal.Tests.Domain;

public class ReturnUrlTests
{
    [Theory]
    [InlineData("/vehicles")]
    [InlineData("/vehicles/DEV-ABC123?tab=sync")]
    [InlineData("/audit?from=2026-01-01&q=a%20b")]
    [InlineData("/fleets/3#map")]
    [InlineData("/accounting")]
    public void The_portals_own_pages_are_kept(string url)
    {
        Assert.Equal(url, ReturnUrls.Safe(url));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("//evil.example")]
    [InlineData("///evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/ /evil.example")]
    [InlineData("/vehicles\r\nSet-Cookie: x=1")]
    [InlineData("/%09/evil.example")]
    [InlineData("/%2F%2Fevil.example")]
    [InlineData("/%2f/evil.example")]
    [InlineData("/%5C%5Cevil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%252F%252Fevil.example")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("https://evil.example")]
    [InlineData("http:/evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("evil.example")]
    [InlineData("/account/login")]
    [InlineData("/Account/Logout")]
    [InlineData("/account")]
    [InlineData("/%61ccount/login")]
    public void Anything_else_goes_home(string? url)
    {
        Assert.Equal("/", ReturnUrls.Safe(url));
    }

    [Fact]
    public void Oversized_return_urls_go_home()
    {
        var path = "/vehicles?q=" + new string('a', ReturnUrls.MaxLength);
        Assert.Equal("/", ReturnUrls.Safe(path));
        Assert.Equal("/vehicles?q=aaa", ReturnUrls.Safe("/vehicles?q=aaa"));
    }

    [Fact]
    public void Encoding_nested_beyond_a_few_rounds_goes_home()
    {
        var url = "/%2F";
        for (var i = 0; i < 6; i++)
            url = url.Replace("%", "%25", StringComparison.Ordinal);
        Assert.Equal("/", ReturnUrls.Safe(url));
    }
}
