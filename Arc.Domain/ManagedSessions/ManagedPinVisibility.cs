using System.Text.Json.Nodes;
using Arc.Domain.Common;
using Arc.Domain.Permissions;
using Arc.Domain.Shadows;

namespace Arc.Domain.ManagedSessions;

/// <summary>
/// A vehicle's shadow carries the PIN of its active managed session as <c>managed_pin</c> (desired, and reported back
/// by the vehicle). Only users who may read managed sessions see it; everyone else gets it masked.
/// </summary>
public sealed class ManagedPinVisibility(ICurrentUser user)
{
    public const string Key = "managed_pin";
    public const string Mask = "••••••";

    public async Task<VehicleShadowView> ApplyAsync(VehicleShadowView view, CancellationToken ct = default)
    {
        if (view.Shadow is not { } shadow || await user.HasAsync(Perm.ManagedSessionRead, ct))
            return view;
        return view with { Shadow = Masked(shadow) };
    }

    /// <summary>The shadow with every non-empty <c>managed_pin</c> (desired, reported, delta) replaced by the mask.</summary>
    public static ShadowDocument Masked(ShadowDocument shadow) => shadow with
    {
        Desired = MaskIn(shadow.Desired),
        Reported = MaskIn(shadow.Reported),
        Delta = shadow.Delta is null ? null : MaskIn(shadow.Delta),
    };

    private static JsonObject MaskIn(JsonObject section)
    {
        var copy = (JsonObject)section.DeepClone();
        if (copy[Key] is JsonValue value && !(value.TryGetValue<string>(out var text) && text.Length == 0))
            copy[Key] = Mask;
        return copy;
    }
}
