using Arc.Domain.Common;

namespace Arc.Domain.Credentials;

/// <summary>The tables of service credentials, their secrets and groups, read as <c>data.ServiceCredentials</c> on any <see cref="IArcData"/>.</summary>
public interface ICredentialData : IEntitySets
{
    IQueryable<ServiceCredential> ServiceCredentials => Set<ServiceCredential>();
    IQueryable<ServiceCredentialSecret> ServiceCredentialSecrets => Set<ServiceCredentialSecret>();
    IQueryable<ServiceCredentialGroup> ServiceCredentialGroups => Set<ServiceCredentialGroup>();
}

/// <summary>
/// What each node remembers of a credential between calls (its state, for a few seconds). A revocation or rotation tells
/// it to forget, so that on this node the change holds from the next call.
/// </summary>
public interface ICredentialStateCache
{
    void Forget(int credentialId);
}
