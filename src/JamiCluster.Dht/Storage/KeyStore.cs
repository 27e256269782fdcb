using JamiCluster.Dht.Values;

namespace JamiCluster.Dht.Storage;

/// <summary>
/// The values stored under one key, with 2.4.12's storage rules (opendht-wire.md §6.5): creation time capped at now,
/// identical re-put = refresh, edits decided by the type's policy, per-key value cap, expiry by type lifetime.
/// Time is a parameter; the caller owns concurrency (a grain). Not sealed so an owner can add its per-key state
/// without a second object per key (memory per stored value matters).
/// </summary>
public class KeyStore
{
    // Most keys hold one value: keep it in a field and only grow a list for more (memory per value matters).
    private StoredValue? _single;
    private List<StoredValue>? _many;

    /// <summary>Creates the store of <paramref name="key"/>.</summary>
    public KeyStore(InfoHash key)
    {
        Key = key;
    }

    /// <summary>The key.</summary>
    public InfoHash Key { get; }

    /// <summary>Number of values.</summary>
    public int Count => _many?.Count ?? (_single is null ? 0 : 1);

    /// <summary>Raw bytes held.</summary>
    public long Bytes { get; private set; }

    /// <summary>The stored values (unordered).</summary>
    public IReadOnlyList<StoredValue> Values => _many ?? (_single is null ? [] : [_single]);

    /// <summary>The entry with id <paramref name="id"/>, if any.</summary>
    public StoredValue? Find(ulong id)
    {
        if (_many is null)
        {
            return _single?.Id == id ? _single : null;
        }

        foreach (var entry in _many)
        {
            if (entry.Id == id)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Stores, refreshes or edits a value.</summary>
    public StoreResult Store(DhtValue value, ValueTypeSpec type, DateTimeOffset created, DateTimeOffset now, string quotaOwner, int maxValues)
    {
        if (created > now)
        {
            created = now;
        }

        var expiration = created + type.Lifetime;
        if (expiration < now)
        {
            return StoreResult.Refused(StoreVerdict.Expired);
        }

        if (Find(value.Id) is { } existing)
        {
            if (existing.SameContent(value))
            {
                Refresh(existing, type, now);
                return new StoreResult(StoreChange.Refreshed, StoreVerdict.Accept, existing, null);
            }

            var verdict = StorePolicy.CheckEdit(Key, existing.Value, value, type);
            if (verdict != StoreVerdict.Accept)
            {
                return StoreResult.Refused(verdict);
            }

            var edited = new StoredValue(value, created, expiration, quotaOwner);
            Replace(existing, edited);
            Bytes += edited.ChargedBytes - existing.ChargedBytes;
            return new StoreResult(StoreChange.Edited, StoreVerdict.Accept, edited, existing);
        }

        var storeVerdict = StorePolicy.CheckStore(Key, value, type);
        if (storeVerdict != StoreVerdict.Accept)
        {
            return StoreResult.Refused(storeVerdict);
        }

        if (Count >= maxValues)
        {
            return StoreResult.Refused(StoreVerdict.QuotaExceeded);
        }

        var stored = new StoredValue(value, created, expiration, quotaOwner);
        Add(stored);
        Bytes += stored.ChargedBytes;
        return new StoreResult(StoreChange.Added, StoreVerdict.Accept, stored, null);
    }

    /// <summary>
    /// Puts back a value recorded earlier (after a restart or failover) without re-checking policies: it was
    /// accepted when it was stored. Returns the entry, or null when a value with that id is already present.
    /// </summary>
    public StoredValue? Restore(DhtValue value, DateTimeOffset created, DateTimeOffset expiration, string quotaOwner)
    {
        if (Find(value.Id) is not null)
        {
            return null;
        }

        var stored = new StoredValue(value, created, expiration, quotaOwner);
        Add(stored);
        Bytes += stored.ChargedBytes;
        return stored;
    }

    /// <summary>Restarts the lifetime of value <paramref name="id"/>; false when unknown.</summary>
    public bool Refresh(ulong id, ValueTypeRegistry types, DateTimeOffset now)
    {
        if (Find(id) is not { } existing)
        {
            return false;
        }

        Refresh(existing, types.Get(existing.Type), now);
        return true;
    }

    /// <summary>Removes a value (eviction); false when unknown.</summary>
    public bool Remove(ulong id, out StoredValue? removed)
    {
        removed = Find(id);
        if (removed is null)
        {
            return false;
        }

        RemoveEntry(removed);
        Bytes -= removed.ChargedBytes;
        return true;
    }

    /// <summary>Removes values whose expiration has passed and adds them to <paramref name="expired"/>.</summary>
    public void Expire(DateTimeOffset now, List<StoredValue> expired)
    {
        var start = expired.Count;
        foreach (var entry in Values)
        {
            if (entry.Expiration <= now)
            {
                expired.Add(entry);
            }
        }

        for (var i = start; i < expired.Count; i++)
        {
            RemoveEntry(expired[i]);
            Bytes -= expired[i].ChargedBytes;
        }
    }

    /// <summary>The earliest expiration, or null when empty.</summary>
    public DateTimeOffset? NextExpiration()
    {
        DateTimeOffset? next = null;
        foreach (var entry in Values)
        {
            if (next is null || entry.Expiration < next)
            {
                next = entry.Expiration;
            }
        }

        return next;
    }

    private void Add(StoredValue entry)
    {
        if (_many is not null)
        {
            _many.Add(entry);
        }
        else if (_single is null)
        {
            _single = entry;
        }
        else
        {
            _many = [_single, entry];
            _single = null;
        }
    }

    private void Replace(StoredValue old, StoredValue entry)
    {
        if (_many is null)
        {
            _single = entry;
        }
        else
        {
            _many[_many.IndexOf(old)] = entry;
        }
    }

    private void RemoveEntry(StoredValue entry)
    {
        if (_many is null)
        {
            _single = null;
            return;
        }

        _many.Remove(entry);
        if (_many.Count == 1)
        {
            _single = _many[0];
            _many = null;
        }
    }

    private static void Refresh(StoredValue entry, ValueTypeSpec type, DateTimeOffset now)
    {
        entry.Created = now;
        var renewed = now + type.Lifetime;
        if (renewed > entry.Expiration)
        {
            entry.Expiration = renewed;
        }
    }
}
