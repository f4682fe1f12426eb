using System.IO.Hashing;

namespace Arc.Infrastructure.Intake;

/// <summary>
/// Fingerprints of messages written lately, so a redelivery (a queue's second delivery after a lost delete, a device
/// resending after a lost acknowledgement) is counted as a duplicate and not written again. Two generations, each as
/// long as half the window, bound the memory without a timer.
/// </summary>
public sealed class RecentMessages(TimeSpan window, TimeProvider time)
{
    private readonly Lock _lock = new();
    private HashSet<(string, ulong)> _current = [], _previous = [];
    private DateTimeOffset _rotated = time.GetUtcNow();

    /// <summary>A message's fingerprint: the first eight bytes of its body's SHA-256.</summary>
    // A fast non-cryptographic hash: a collision could only make a device's own message look like its own earlier one,
    // since fingerprints are kept per VIN.
    public static ulong Fingerprint(ReadOnlySpan<byte> body) => XxHash3.HashToUInt64(body);

    public bool Contains(string vin, ulong fingerprint)
    {
        lock (_lock)
        {
            Rotate();
            return _current.Contains((vin, fingerprint)) || _previous.Contains((vin, fingerprint));
        }
    }

    public void Add(string vin, ulong fingerprint)
    {
        lock (_lock)
        {
            Rotate();
            _current.Add((vin, fingerprint));
        }
    }

    private void Rotate()
    {
        var now = time.GetUtcNow();
        if (now - _rotated < window / 2)
            return;
        _previous = now - _rotated < window ? _current : [];
        _current = [];
        _rotated = now;
    }
}
