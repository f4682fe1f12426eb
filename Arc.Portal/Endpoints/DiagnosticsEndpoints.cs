namespace Arc.Portal.Endpoints;

/// <summary>
/// Development only: the portal's own memory after a full, compacting collection, so the circuits benchmark can
/// measure what open pages cost the server (a browser on the same machine must not count). Never mapped elsewhere:
/// forcing a collection on request would let anyone stall a production portal.
/// </summary>
public static class DiagnosticsEndpoints
{
    public static IEndpointRouteBuilder MapDevelopmentDiagnostics(this IEndpointRouteBuilder endpoints, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment())
            return endpoints;
        endpoints.MapGet("/_diag/memory", () =>
        {
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var managed = GC.GetTotalMemory(forceFullCollection: true);
            return Results.Json(new { managedBytes = managed, rssBytes = Environment.WorkingSet });
        }).AllowAnonymous();
        return endpoints;
    }
}
