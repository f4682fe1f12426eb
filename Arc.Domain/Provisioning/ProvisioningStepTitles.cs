namespace Arc.Domain.Provisioning;

/// <summary>
/// What each provisioning step does, in words for the people watching it. The step names themselves stay as the spec
/// writes them (they are stored with every run and matched by the crash recovery), so the words live beside them.
/// </summary>
public static class ProvisioningStepTitles
{
    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["provision_iot"] = "Register the device with AWS IoT",
        ["provision_iot_certificate"] = "Issue the device certificate",
        ["provision_vehicle_authority"] = "Trust the root authority",
        ["provision_vehicle_telemetry"] = "Record the vehicle",
        ["add_vehicle_to_group"] = "Join the maker's fleet",
        ["telemetry_points_get_defaults"] = "Look up the default telemetry points",
        ["set_telemetry_points"] = "Set the telemetry points",
        ["factory_pin_generate"] = "Generate the factory PIN",
        ["vehicles_options_set"] = "Set the vehicle options",
        ["managed_session_mode_set"] = "Set the managed-session mode",
        ["update_shadow_document"] = "Write the device shadow",
        ["provision_vehicle_dashboard"] = "Vehicle dashboard (drawn by the portal)",
        ["provision_overview_dashboard"] = "Overview dashboard (drawn by the portal)",
        ["revoke_previous_certificate"] = "Revoke earlier certificates",
    };

    /// <summary>The step's title; a step this list does not know shows its name with spaces.</summary>
    public static string For(string step) => Titles.GetValueOrDefault(step) ?? step.Replace('_', ' ');
}
