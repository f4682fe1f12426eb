using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Arc.Portal.Tests.Support;

/// <summary>Keeps the portal's warnings and errors so a test can assert that a bad input caused no server error.</summary>
public sealed class ServerLog : ILoggerProvider
{
    public ConcurrentQueue<string> Entries { get; } = new();

    /// <summary>
    /// Errors the server logged, less two kinds that are not failures: EF's probe of the migrations table on a new
    /// database, and JavaScript calls cut off because the test closed the browser page (disconnected, or a navigation
    /// the server started, such as the revalidation's redirect to sign-in, cancelled with the page).
    /// </summary>
    public IEnumerable<string> Errors => Entries
        .Where(e => e.StartsWith("Error", StringComparison.Ordinal) || e.StartsWith("Critical", StringComparison.Ordinal))
        .Where(e => !e.Contains("__EFMigrationsHistory", StringComparison.Ordinal))
        .Where(e => !e.Contains("JSDisconnectedException", StringComparison.Ordinal))
        .Where(e => !(e.Contains("TaskCanceledException", StringComparison.Ordinal)
            && e.Contains("RemoteNavigationManager", StringComparison.Ordinal) && e.Contains("JSRuntime.InvokeAsync", StringComparison.Ordinal)));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                log.Entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
