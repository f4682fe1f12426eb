namespace Arc.Domain.Common;

/// <summary>What the domain needs to know about the deployment it runs in.</summary>
public sealed class PortalEnvironment(DeploymentEnvironment environment, Uri? publicUrl = null)
{
    public DeploymentEnvironment Environment { get; } = environment;

    /// <summary>Where people reach the portal (for links in emails); set with <c>Portal:PublicUrl</c>.</summary>
    public Uri PublicUrl { get; } = publicUrl ?? new Uri("http://127.0.0.1:5080/");

    public string Link(string relative) => new Uri(PublicUrl, relative).ToString();
}
