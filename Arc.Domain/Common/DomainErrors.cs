namespace Arc.Domain.Common;

/// <summary>Base of every failure a use case reports to its caller; the message is safe to show to a user.</summary>
public abstract class DomainException : Exception
{
    protected DomainException(string message) : base(message)
    {
    }

    protected DomainException(string message, Exception inner) : base(message, inner)
    {
    }
}

/// <summary>Bad input or a broken business rule (HTTP 400). Field errors are keyed by field name.</summary>
public sealed class ValidationFailedException : DomainException
{
    public ValidationFailedException(string message) : base(message) => Errors = new Dictionary<string, string[]>();

    public ValidationFailedException(string field, string message) : base(message) =>
        Errors = new Dictionary<string, string[]> { [field] = [message] };

    /// <summary>A refusal reported by an outside service; the inner exception holds its technical detail, for the log.</summary>
    public ValidationFailedException(string field, string message, Exception inner) : base(message, inner) =>
        Errors = new Dictionary<string, string[]> { [field] = [message] };

    /// <summary>Several problems with one field (such as the lines of a file), under one summary.</summary>
    public ValidationFailedException(string field, string summary, IEnumerable<string> problems) : base(summary) =>
        Errors = new Dictionary<string, string[]> { [field] = problems.ToArray() };

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}

/// <summary>
/// The caller lacks the permission the operation needs, or holds it but a resource rule (authority subtree, fleet
/// membership, no editing upwards) keeps them from this entity (HTTP 403 for a signed-in user).
/// </summary>
public sealed class PermissionDeniedException : DomainException
{
    public PermissionDeniedException(string permission)
        : base($"You do not have the permission '{permission}' that this operation needs.") => Permission = permission;

    /// <param name="rule">What was missing, as recorded in the audit log (e.g. <c>acts for authority 7</c>).</param>
    /// <param name="message">What the user is told.</param>
    public PermissionDeniedException(string rule, string message) : base(message) => Permission = rule;

    /// <summary>The permission or rule that was not met.</summary>
    public string Permission { get; }
}

/// <summary>The caller is not signed in (HTTP 401).</summary>
public sealed class NotSignedInException() : DomainException("You must sign in first.");

/// <summary>The entity does not exist (HTTP 404).</summary>
public sealed class NotFoundException : DomainException
{
    public NotFoundException(string entity, string id) : base($"{entity} '{id}' does not exist.") => (Entity, Id) = (entity, id);

    /// <summary>An outside service reported the entity missing; the inner exception holds what it said, for the log.</summary>
    public NotFoundException(string entity, string id, Exception inner) : base($"{entity} '{id}' does not exist.", inner) => (Entity, Id) = (entity, id);

    public string Entity { get; }
    public string Id { get; }
}

/// <summary>The operation conflicts with the current state, e.g. a protected or duplicate entity (HTTP 409).</summary>
public sealed class ConflictException : DomainException
{
    public ConflictException(string message) : base(message)
    {
    }

    public ConflictException(string message, Exception inner) : base(message, inner)
    {
    }

    /// <summary>The refusal is of a stale version (<see cref="ChangedBySomeoneElse"/>); the API answers it 412 to an If-Match.</summary>
    public bool StaleVersion { get; private init; }

    /// <summary>Someone saved a change to <paramref name="thing"/> after the caller's page read it.</summary>
    public static ConflictException ChangedBySomeoneElse(string thing) =>
        new($"{thing} was changed by someone else; reload to see the changes.") { StaleVersion = true };
}

/// <summary>
/// An outside service (AWS IoT, KMS, InfluxDB, ...) failed or could not be reached (HTTP 503); trying again later may
/// work. The message is a plain sentence; what the service said is the inner exception, for the log only.
/// </summary>
public sealed class ServiceUnavailableException(string message, Exception inner) : DomainException(message, inner)
{
    public Exception Cause => InnerException!;
}
