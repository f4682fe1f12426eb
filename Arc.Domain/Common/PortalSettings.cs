namespace Arc.Domain.Common;

/// <summary>What the domain needs to know about the deployment it runs in.</summary>
public sealed class PortalEnvironment(DeploymentEnvironment environment)
{
    public DeploymentEnvironment Environment { get; } = environment;
}
