using System.Net.Http.Json;
using Arc.Domain.Alarms;
using Arc.Domain.Common;

namespace Arc.Infrastructure.Alarms;

/// <summary>Posts <c>{"text": ...}</c>, which Slack's incoming webhooks and most chat tools accept.</summary>
public sealed class HttpAlarmWebhookSender(HttpClient http) : IAlarmWebhookSender
{
    public async Task PostAsync(Uri url, string text, CancellationToken ct)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(url, new { text }, ct);
            response.EnsureSuccessStatusCode();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new ServiceUnavailableException($"The alarm webhook at {url.Host} did not accept the message.", e);
        }
    }
}
