using Arc.Domain.Audit;
using Arc.Domain.Authorities;
using Arc.Domain.Common;
using Arc.Domain.Notes;
using Arc.Domain.Provisioning.Steps;
using Arc.Domain.Sagas;
using Arc.Domain.Shadows;
using Arc.Domain.SideEffects;

namespace Arc.Domain.Provisioning;

/// <summary>
/// The provisioning saga of spec/backend.md §5.2 (decision 7): thirteen steps as operators know them, plus the
/// revocation of the certificates the new one replaces as a fourteenth, which commits with the run's success.
/// </summary>
public sealed class ProvisioningSaga(IDeviceRegistry registry, IDeviceShadows shadows, ShadowPublisher publisher, PortalEnvironment environment,
    FactoryPinStore pins, Outbox outbox, AuditTrail audit, TimeProvider time) : ISagaDefinition<ProvisioningContext>
{
    public const string ProvisionKind = "provision";
    public const string ReprovisionKind = "reprovision_preserve_pin";

    public IReadOnlyList<ISagaStep<ProvisioningContext>> Steps { get; } =
    [
        new ProvisionThing(registry, environment, outbox, time),
        new IssueCertificate(registry, outbox),
        new GrantRootAuthority(),
        new RecordVehicle(time),
        new JoinMakerFleet(),
        new GetDefaultTelemetryPoints(),
        new SetTelemetryPoints(),
        new GenerateFactoryPinStep(pins),
        new SetVehicleOptions(),
        new SetManagedSessionMode(),
        new UpdateShadowDocument(shadows, publisher, outbox),
        // The portal draws its dashboards from the data.
        new NotNeededStep<ProvisioningContext>("provision_vehicle_dashboard"),
        new NotNeededStep<ProvisioningContext>("provision_overview_dashboard"),
        new RevokePreviousCertificates(outbox),
    ];

    public static IReadOnlyList<string> StepNames { get; } =
    [
        "provision_iot", "provision_iot_certificate", "provision_vehicle_authority", "provision_vehicle_telemetry", "add_vehicle_to_group",
        "telemetry_points_get_defaults", "set_telemetry_points", "factory_pin_generate", "vehicles_options_set", "managed_session_mode_set",
        "update_shadow_document", "provision_vehicle_dashboard", "provision_overview_dashboard", "revoke_previous_certificate",
    ];

    public void OnStarted(IArcData data, ProvisioningRun run) =>
        audit.Record(data, run.Actor, AuditActions.VehicleProvisioningStarted, AuditEntityTypes.Vehicle, run.Vin, new { kind = run.Kind });

    public void OnSucceeded(IArcData data, ProvisioningRun run, ProvisioningContext context)
    {
        audit.Record(data, run.Actor, AuditActions.VehicleProvisioned, AuditEntityTypes.Vehicle, run.Vin,
            new { run = run.Id, status = run.Status, kind = run.Kind, replacedCertificates = context.ReplacedCertificates.Count });
        data.Add(new Note
        {
            ObjectType = NoteObjectTypes.Vehicle, ObjectId = run.Vin, Author = run.Actor, Created = time.GetUtcNow(), System = true,
            Content = run.Kind == ProvisionKind ? "Vehicle provisioned" : "Vehicle re-provisioned (factory PIN preserved)",
        });
    }

    public void OnRolledBack(IArcData data, ProvisioningRun run, ProvisioningContext context, IReadOnlyDictionary<string, string?> states)
    {
        audit.Record(data, run.Actor, AuditActions.VehicleProvisioningFailed, AuditEntityTypes.Vehicle, run.Vin,
            new { run = run.Id, status = run.Status, error = run.Error, kind = run.Kind });
        // An existing shadow gets the desired state of the vehicle as it is again.
        if (StepStates.Read<ShadowDocumentState>(states.GetValueOrDefault("update_shadow_document")) is { Existed: true })
            outbox.PublishShadow(data, run.Vin, run.Actor);
    }
}
