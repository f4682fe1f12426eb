namespace Arc.Domain.Common;

/// <summary>The three environments of spec/backend.md §0.1; non-production data carries a VIN prefix.</summary>
public enum DeploymentEnvironment
{
    Dev,
    Staging,
    Prod,
}

public static class DeploymentEnvironmentExtensions
{
    public static string VinPrefix(this DeploymentEnvironment environment) => environment switch
    {
        DeploymentEnvironment.Dev => "DEV-",
        DeploymentEnvironment.Staging => "STAGE-",
        _ => "",
    };

    public static string DisplayName(this DeploymentEnvironment environment) => environment switch
    {
        DeploymentEnvironment.Dev => "DEV",
        DeploymentEnvironment.Staging => "STAGING",
        _ => "PROD",
    };

    public static DeploymentEnvironment Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "dev" or "development" => DeploymentEnvironment.Dev,
        "staging" or "stage" => DeploymentEnvironment.Staging,
        "prod" or "production" => DeploymentEnvironment.Prod,
        _ => throw new ArgumentException($"Unknown environment '{value}'; use dev, staging or prod.", nameof(value)),
    };
}
