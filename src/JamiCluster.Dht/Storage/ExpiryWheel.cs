namespace JamiCluster.Dht.Storage;

/// <summary>
/// Expiry timers for many values at 16 bytes each: entries are grouped by the second they expire in and checked
/// lazily (a refreshed or replaced value leaves a stale entry that is simply dropped when its second comes).
/// Not thread-safe: the owning grain serialises access.
/// </summary>
public sealed class ExpiryWheel
{
    private readonly Dictionary<long, List<(KeyStore Store, StoredValue Value)>> _slots = [];
    private long _earliest = long.MaxValue;

    /// <summary>Entries held (including stale ones).</summary>
    public int Count { get; private set; }

    /// <summary>Schedules <paramref name="value"/> of <paramref name="store"/> for its current expiration.</summary>
    public void Add(KeyStore store, StoredValue value)
    {
        var second = SecondOf(value.Expiration);
        if (!_slots.TryGetValue(second, out var slot))
        {
            slot = [];
            _slots[second] = slot;
        }

        // The same put arriving through several heads refreshes the value several times within a second.
        if (slot.Count > 0 && ReferenceEquals(slot[^1].Value, value))
        {
            return;
        }

        slot.Add((store, value));
        Count++;
        _earliest = Math.Min(_earliest, second);
    }

    /// <summary>Removes every value whose time has come from its store and adds it to <paramref name="expired"/>.</summary>
    public void Expire(DateTimeOffset now, List<(KeyStore Store, StoredValue Value)> expired)
    {
        var nowSecond = now.ToUnixTimeSeconds();
        if (_earliest > nowSecond)
        {
            return;
        }

        var due = new List<long>();
        foreach (var second in _slots.Keys)
        {
            if (second <= nowSecond)
            {
                due.Add(second);
            }
        }

        foreach (var second in due)
        {
            _slots.Remove(second, out var slot);
            Count -= slot!.Count;
            foreach (var (store, value) in slot)
            {
                // Stale when replaced (edit, expiry) or refreshed to a later time (a newer entry exists).
                if (!ReferenceEquals(store.Find(value.Id), value))
                {
                    continue;
                }

                if (value.Expiration > now)
                {
                    if (SecondOf(value.Expiration) <= nowSecond)
                    {
                        Add(store, value);
                    }

                    continue;
                }

                store.Remove(value.Id, out _);
                expired.Add((store, value));
            }
        }

        _earliest = long.MaxValue;
        foreach (var second in _slots.Keys)
        {
            _earliest = Math.Min(_earliest, second);
        }
    }

    private static long SecondOf(DateTimeOffset time) => (time.UtcTicks + TimeSpan.TicksPerSecond - 1 - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerSecond;
}
