namespace Arc.Domain.SideEffects;

/// <summary>
/// Work on AWS (or its local stand-ins) that a committed change requires: written in the same transaction as the
/// change, carried out afterwards by the outbox worker, retried with backoff until it succeeds, then removed. A row
/// that is still here is work the vehicle is still waiting for; the vehicle page shows it.
/// </summary>
public class SideEffect
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string Vin { get; set; }

    /// <summary>What the kind needs beyond the VIN (the certificate of <see cref="SideEffectKinds.RevokeCertificate"/>).</summary>
    public string? Argument { get; set; }

    public required string Actor { get; set; }
    public string? CorrelationId { get; set; }
    public DateTimeOffset Created { get; set; }
    public DateTimeOffset NextAttempt { get; set; }
    public int Attempts { get; set; }

    /// <summary>A message fit for a page; the technical detail of a failure goes to the log only.</summary>
    public string? LastError { get; set; }

    /// <summary>Set while a worker carries the row out; another worker takes it only once the lease has run out.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}

public static class SideEffectKinds
{
    /// <summary>Builds the vehicle's desired state from the database and writes it to its shadow.</summary>
    public const string PublishShadow = "shadow.publish";

    /// <summary>Detaches, deactivates and deletes one device certificate (a re-provisioned vehicle's old one).</summary>
    public const string RevokeCertificate = "certificate.revoke";

    /// <summary>Revokes every certificate of the thing except those listed (comma-separated): undoes a certificate whose id was never recorded.</summary>
    public const string RevokeOtherCertificates = "certificate.revoke_others";

    /// <summary>Deletes the vehicle's shadow (a provisioning rolled back on a thing that had none).</summary>
    public const string DeleteShadow = "shadow.delete";

    /// <summary>After unprovisioning: revokes every certificate of the thing, deletes the thing and its shadow.</summary>
    public const string RetireDevice = "device.retire";

    /// <summary>Posts a raised alarm to a Slack-compatible webhook (the argument: alarm id and which webhook).</summary>
    public const string AlarmWebhook = "alarm.webhook";

    public static string Describe(string kind) => kind switch
    {
        AlarmWebhook => "Alarm webhook",
        PublishShadow => "Shadow update",
        RevokeCertificate or RevokeOtherCertificates => "Certificate revocation",
        DeleteShadow => "Shadow removal",
        RetireDevice => "Revocation of certificates and removal from the registry",
        _ => kind,
    };
}
