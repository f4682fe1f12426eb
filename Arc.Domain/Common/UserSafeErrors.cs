using Microsoft.Extensions.Logging;

namespace Arc.Domain.Common;

/// <summary>
/// Turns a failure into text that may reach a page, an email or a stored record. A domain error's message is already
/// meant for users and passes through; an outside service being unavailable keeps its (domain) message and gains a
/// reference; anything else becomes the caller's plain sentence with a reference. The technical detail (the exception,
/// with whatever AWS, InfluxDB or Npgsql said) goes only to the log, under the same correlation id, so whoever is
/// given the reference finds it there.
/// </summary>
public sealed partial class UserSafeErrors(ICorrelation correlation, ILogger<UserSafeErrors> logger)
{
    /// <summary>What a user quotes: the correlation id of this request, circuit or job.</summary>
    public string Reference => correlation.Id;

    /// <param name="failure">What went wrong.</param>
    /// <param name="whatFailed">A sentence for a user, used when the failure is not a domain error, e.g. "The export could not be written."</param>
    /// <returns>e.g. "The export could not be written (reference 3f2a…)."</returns>
    public string Describe(Exception failure, string whatFailed)
    {
        switch (failure)
        {
            case ServiceUnavailableException unavailable:
                LogUnavailable(logger, unavailable.Cause, correlation.Id, unavailable.Message);
                return WithReference(unavailable.Message);
            case DomainException domain:
                return domain.Message;
            default:
                LogUnexpected(logger, failure, correlation.Id, whatFailed);
                return WithReference(whatFailed);
        }
    }

    /// <summary>
    /// A domain error as a page shows it: its own message, with a reference (and its cause logged) when an outside
    /// service failed.
    /// </summary>
    public string Describe(DomainException failure) => Describe(failure, failure.Message);

    /// <summary>The sentence with this scope's reference appended: "… (reference <i>id</i>)."</summary>
    public string WithReference(string sentence) => $"{sentence.TrimEnd().TrimEnd('.')} (reference {correlation.Id}).";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reference {CorrelationId}: {Message}")]
    private static partial void LogUnavailable(ILogger logger, Exception cause, string correlationId, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reference {CorrelationId}: {WhatFailed}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string correlationId, string whatFailed);
}
