namespace Arc.Domain.Common;

/// <summary>
/// Marks a use case handler. Every handler checks its own permission on the server and is registered by
/// <see cref="DomainServiceCollectionExtensions.AddDomain"/>; the role x operation matrix test lists them all.
/// </summary>
public interface IUseCase;
