using System.Text.Json;
using Arc.Infrastructure.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Arc.Portal;

/// <summary>
/// /health as JSON: the overall status and each store's, without exception details, from a report at most
/// <see cref="HealthOptions.CacheFor"/> old. 200 when healthy or degraded, 503 when unhealthy, never cached downstream.
/// </summary>
public static class HealthReportWriter
{
    public static async Task WriteAsync(HttpContext context, HealthReportCache cache)
    {
        var report = await cache.GetAsync(context.RequestAborted);
        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store, no-cache";
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
