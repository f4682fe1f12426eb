using Arc.Domain.Common;

namespace Arc.Domain.SideEffects;

/// <summary>The tables of the outbox of side effects, read as <c>data.SideEffects</c> on any <see cref="IArcData"/>.</summary>
public interface ISideEffectData : IEntitySets
{
    IQueryable<SideEffect> SideEffects => Set<SideEffect>();
}
