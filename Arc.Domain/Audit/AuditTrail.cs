using System.Text.Json;
using Arc.Domain.Common;

namespace Arc.Domain.Audit;

/// <summary>Writes audit events into the caller's unit of work, so an event commits with its change or not at all.</summary>
public sealed class AuditTrail(ICorrelation correlation, TimeProvider time)
{
    public const string SystemActor = "system";
    /// <summary>The actor of events caused by someone not signed in (a password-reset form), recorded against the account they named.</summary>
    public const string AnonymousActor = "anonymous";
    /// <summary>The entity id of a sign-in attempt for an address that has no account.</summary>
    public const string UnknownUser = "unknown";
    public const int MaxSummaryLength = 8000;

    public AuditEvent Record(IArcData data, string actor, string action, string entityType, string entityId, object summary)
    {
        var text = summary as string ?? JsonSerializer.Serialize(summary, AuditSummary.WriteOptions);
        if (text.Length > MaxSummaryLength)
            text = text[..MaxSummaryLength];
        var entry = new AuditEvent
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Summary = text,
            CorrelationId = correlation.Id,
        };
        data.Add(entry);
        return entry;
    }
}

/// <summary>Stable audit action codes; a code, once used, keeps its meaning.</summary>
public static class AuditActions
{
    public const string UserSignedIn = "user.signed_in";
    public const string UserSignInFailed = "user.sign_in_failed";
    public const string UserLockedOut = "user.locked_out";
    public const string UserSignedOut = "user.signed_out";
    public const string UserPasswordChanged = "user.password_changed";
    public const string UserMfaEnrolled = "user.mfa_enrolled";
    public const string UserMfaEnrolmentStarted = "user.mfa_enrolment_started";
    public const string UserPreferenceChanged = "user.preference_changed";
    public const string UserProfileChanged = "user.profile_changed";
    public const string UserMfaChanged = "user.mfa_changed";
    public const string UserDeleted = "user.deleted";
    public const string UserMfaDisabled = "user.mfa_disabled";
    public const string UserPasswordResetRequested = "user.password_reset_requested";
    public const string UserPasswordReset = "user.password_reset";
    public const string UserPasswordResetCodeWrong = "user.password_reset_code_wrong";
    public const string UserPasswordResetLocked = "user.password_reset_locked";
    public const string UserPasswordResetRefused = "user.password_reset_refused";
    public const string UserCreated = "user.created";
    public const string UserInvitationResent = "user.invitation_resent";
    public const string UserEnabled = "user.enabled";
    public const string UserDisabled = "user.disabled";
    public const string UserGroupAdded = "user.group_added";
    public const string UserGroupRemoved = "user.group_removed";
    public const string GroupCreated = "permission_group.created";
    public const string GroupRenamed = "permission_group.renamed";
    public const string GroupDeleted = "permission_group.deleted";
    public const string GroupPermissionAdded = "permission_group.permission_added";
    public const string GroupPermissionRemoved = "permission_group.permission_removed";
    public const string NoteCreated = "note.created";
    public const string NoteDeleted = "note.deleted";
    public const string DemoDataSeeded = "system.demo_data_seeded";
    public const string AuthorityCreated = "authority.created";
    public const string AuthorityDeleted = "authority.deleted";
    public const string AuthorityReKeyed = "authority.re_keyed";
    public const string AuthorityVehicleGranted = "authority.vehicle_granted";
    public const string AuthorityVehicleRevoked = "authority.vehicle_revoked";
    public const string AuthorityMemberAdded = "authority.member_added";
    public const string AuthorityMemberRemoved = "authority.member_removed";
    public const string TokenSigned = "vehicle.token_signed";
    public const string FactoryPinGenerated = "vehicle.factory_pin_generated";
    public const string FactoryPinViewed = "vehicle.factory_pin_viewed";
    public const string ShadowPushed = "vehicle.shadow_pushed";
    public const string ShadowPublishFailed = "vehicle.shadow_publish_failed";
    public const string ShadowRepublished = "vehicle.shadow_republished";
    public const string CertificateRevoked = "vehicle.certificate_revoked";
    public const string DeviceRetired = "vehicle.device_retired";
    public const string SideEffectFailed = "vehicle.side_effect_failed";
    public const string VehicleProvisioned = "vehicle.provisioned";
    public const string VehicleProvisioningFailed = "vehicle.provisioning_failed";
    public const string VehicleTelemetryConfigured = "vehicle.telemetry_configured";
    public const string TelemetryBackfillStarted = "vehicle.telemetry_backfill_started";
    public const string TelemetryDefinitionAdded = "telemetry.definition_added";
    public const string TelemetryExportRequested = "vehicle.telemetry_export_requested";
    public const string TelemetryExportExpired = "vehicle.telemetry_export_expired";
    public const string BulkProvisioningPlanned = "vehicle.bulk_provisioning_planned";
    public const string BulkProvisioningStarted = "vehicle.bulk_provisioning_started";
    public const string BulkProvisioningRetried = "vehicle.bulk_provisioning_retried";
    public const string BulkProvisioningFinished = "vehicle.bulk_provisioning_finished";
    public const string BulkProvisioningIdentitiesDownloaded = "vehicle.bulk_identities_downloaded";
    public const string BulkProvisioningIdentitiesDiscarded = "vehicle.bulk_identities_discarded";
    public const string VehicleIdentityCollected = "vehicle.identity_collected";
    public const string VehicleIdentityExpired = "vehicle.identity_expired";
    public const string VehicleUnprovisioned = "vehicle.unprovisioned";
    public const string VehicleProvisioningStarted = "vehicle.provisioning_started";
    public const string AccessDenied = "access.denied";
    public const string UserSessionEnded = "user.session_ended";
    public const string UserSignedOutEverywhere = "user.signed_out_everywhere";
    public const string UserSessionsEnded = "user.sessions_ended";
    public const string UserEmailChangeRequested = "user.email_change_requested";
    public const string UserEmailChanged = "user.email_changed";
    public const string RateLimited = "rate.limited";
    public const string CredentialCreated = "credential.created";
    public const string CredentialRotated = "credential.rotated";
    public const string CredentialRevoked = "credential.revoked";
    public const string CredentialTokenIssued = "credential.token_issued";
    public const string CredentialTokenRefused = "credential.token_refused";
    public const string CredentialCertificateRefused = "credential.certificate_refused";

    // A change in the user directory is recorded as its intent (".requested", committed before the directory is called)
    // and then its outcome: the plain code with the database change, or ".failed" (see Users.DirectoryChanges).
    public const string RequestedSuffix = ".requested";
    public const string FailedSuffix = ".failed";
    public const string UserCreatedRequested = UserCreated + RequestedSuffix;
    public const string UserCreatedFailed = UserCreated + FailedSuffix;
    public const string UserInvitationResentRequested = UserInvitationResent + RequestedSuffix;
    public const string UserInvitationResentFailed = UserInvitationResent + FailedSuffix;
    public const string UserEnabledRequested = UserEnabled + RequestedSuffix;
    public const string UserEnabledFailed = UserEnabled + FailedSuffix;
    public const string UserDisabledRequested = UserDisabled + RequestedSuffix;
    public const string UserDisabledFailed = UserDisabled + FailedSuffix;
    public const string UserMfaChangedRequested = UserMfaChanged + RequestedSuffix;
    public const string UserMfaChangedFailed = UserMfaChanged + FailedSuffix;
    public const string UserDeletedRequested = UserDeleted + RequestedSuffix;
    public const string UserDeletedFailed = UserDeleted + FailedSuffix;
    public const string UserProfileChangedRequested = UserProfileChanged + RequestedSuffix;
    public const string UserProfileChangedFailed = UserProfileChanged + FailedSuffix;
    public const string UserEmailChangedRequested = UserEmailChanged + RequestedSuffix;
    public const string UserEmailChangedFailed = UserEmailChanged + FailedSuffix;
    public const string OutboxSecretEmailOpened = "mail.secret_email_opened";
    public const string VehicleMetadataSet = "vehicle.metadata_set";
    public const string VehicleRegistered = "vehicle.registered";
    public const string DeadLetterRedriven = "intake.dead_letter_redriven";
    public const string DeadLetterDiscarded = "intake.dead_letter_discarded";
}

public static class AuditEntityTypes
{
    public const string User = "User";
    public const string PermissionGroup = "PermissionGroup";
    public const string Vehicle = "Vehicle";
    public const string Note = "Note";
    public const string System = "System";
    public const string Authority = "Authority";
    public const string Permission = "Permission";
    public const string DeadLetter = "DeadLetter";
    public const string Email = "Email";
    public const string BulkProvisioningJob = "bulk_provisioning";
    public const string ServiceCredential = "ServiceCredential";
}
