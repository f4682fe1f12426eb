using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenIddict.Validation;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace Arc.Portal.Auth;

/// <summary>
/// Remembers the principal of an access token whose signature and form OpenIddict has checked, for the token's
/// lifetime, so that a client calling again with the same token is not checked with RSA and parsed again on every call
/// (the largest part of the API's own cost per call, docs/benchmarks.md, api). Only that first check is skipped: every
/// call still checks the token's expiry and audience and its credential's state
/// (<see cref="ServiceCredentialTokens.CheckCredential"/>), on a copy of the principal. A token is remembered by its
/// exact text, so any other text is checked in full. At most <see cref="Capacity"/> tokens are kept; one forgotten is
/// simply checked again.
/// </summary>
public sealed class ValidatedTokens(IOptions<ApiTokenOptions> options) : IDisposable
{
    public const int Capacity = 10_000;

    private readonly MemoryCache _principals = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public void Dispose() => _principals.Dispose();

    /// <summary>Whether this exact token is remembered (it will not be checked with RSA again).</summary>
    public bool Remembers(string token) => _principals.TryGetValue(token, out _);

    /// <summary>Before the signature check: a token seen before gets a copy of its principal.</summary>
    public sealed class Reuse(ValidatedTokens tokens) : IOpenIddictValidationHandler<ValidateTokenContext>
    {
        public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
            OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
                .UseSingletonHandler<Reuse>()
                .SetOrder(OpenIddictValidationHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order - 500)
                .SetType(OpenIddictValidationHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            if (context.Principal is null && !string.IsNullOrEmpty(context.Token)
                && tokens._principals.TryGetValue(context.Token, out ClaimsPrincipal? known) && known is not null)
                context.Principal = known.Clone();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Right after the signature check, before OpenIddict adjusts the principal: a copy is kept.</summary>
    public sealed class Remember(ValidatedTokens tokens) : IOpenIddictValidationHandler<ValidateTokenContext>
    {
        public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
            OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
                .UseSingletonHandler<Remember>()
                .SetOrder(OpenIddictValidationHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order + 500)
                .SetType(OpenIddictValidationHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            if (context.Principal is { } principal && !context.IsRejected && !string.IsNullOrEmpty(context.Token)
                && !tokens._principals.TryGetValue(context.Token, out _))
                tokens._principals.Set(context.Token, principal.Clone(),
                    new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = tokens.Lifetime });
            return ValueTask.CompletedTask;
        }
    }

    private TimeSpan Lifetime => options.Value.AccessTokenLifetime;
}
