namespace Arc.Infrastructure.Authorities;

/// <summary>What one pass did to one kind of sealed value.</summary>
/// <param name="SealedFromPlain">Values stored plain (written before they were sealed) that are sealed now.</param>
/// <param name="Resealed">Sealed values moved to the vault's current key and bound to their context.</param>
/// <param name="Current">Values already sealed with the current key.</param>
/// <param name="Failed">Values that did not open (changed, copied from another row, or sealed with a key not configured).</param>
public sealed record ResealCount(string Kind, int Examined, int SealedFromPlain, int Resealed, int Current, int Failed);

/// <summary>The running count of one pass over one kind of sealed value.</summary>
internal sealed class ResealTally(string kind)
{
    public int Examined, SealedFromPlain, Resealed, Current, Failed;

    public string Kind => kind;

    public ResealCount ToCount() => new(kind, Examined, SealedFromPlain, Resealed, Current, Failed);

    /// <summary>Counts a conditional write; a row changed since it was read was written by a portal sealing with the current key.</summary>
    public void Written(int rows, bool fromPlain)
    {
        if (rows == 0)
            Current++;
        else if (fromPlain)
            SealedFromPlain++;
        else
            Resealed++;
    }
}
