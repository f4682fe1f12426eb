using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Arc.Portal.Tests.Support;

namespace Arc.Portal.Tests.Integration.Api;

/// <summary>
/// Every API operation that ran answers with its own time in the portal (<c>Server-Timing: app;dur=…</c>), so a client
/// can tell the portal's work from the network's; a refused call and a page do not.
/// </summary>
[Collection(ResourceApiCollection.Name)]
public sealed partial class ServerTimingTests(ResourceApiPortal api)
{
    [GeneratedRegex(@"^app;dur=(\d+\.\d{2})$")]
    private static partial Regex AppDuration();

    [Fact]
    public async Task A_read_answers_with_its_operations_own_time_which_is_part_of_the_whole_call()
    {
        var token = await api.TokenAsync("support");
        foreach (var path in new[] { $"api/v1/vehicles/{DemoVins.First}", "api/v1/vehicles?pageSize=5" })
        {
            var clock = Stopwatch.StartNew();
            using var response = await api.SendAsync(HttpMethod.Get, path, token);
            await response.Content.ReadAsByteArrayAsync();
            var whole = clock.Elapsed.TotalMilliseconds;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var value = Assert.Single(response.Headers.GetValues("Server-Timing"));
            var match = AppDuration().Match(value);
            Assert.True(match.Success, $"{path}: Server-Timing was '{value}'");
            var duration = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.InRange(duration, 0, whole);
        }
    }

    [Fact]
    public async Task A_refused_call_and_a_page_answer_without_it()
    {
        using (var anonymous = await api.SendAsync(HttpMethod.Get, $"api/v1/vehicles/{DemoVins.First}", token: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.False(anonymous.Headers.Contains("Server-Timing"));
        }
        using (var forbidden = await api.SendAsync(HttpMethod.Get, "api/v1/vehicles?pageSize=5", await api.TokenAsync("arcimoto")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
            Assert.False(forbidden.Headers.Contains("Server-Timing"));
        }
        using var page = await api.Client.GetAsync("account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Server-Timing"));
    }
}
