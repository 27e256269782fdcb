namespace JamiCluster.Grains.Names;

/// <summary>
/// Names in the memory of this process (embedded mode): lost on restart, and private to the process, so a
/// multi-silo cluster needs PostgreSQL for its names to be shared and kept.
/// </summary>
public sealed class MemoryNameStore : INameStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, NameRecord> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nameByAddr = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool IsDurable => false;

    /// <inheritdoc />
    public Task<NameRecord?> FindByNameAsync(string name, CancellationToken cancellation = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_byName.GetValueOrDefault(name));
        }
    }

    /// <inheritdoc />
    public Task<NameRecord?> FindByAddressAsync(string addr, CancellationToken cancellation = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_nameByAddr.TryGetValue(addr, out var name) ? _byName[name] : null);
        }
    }

    /// <inheritdoc />
    public Task<NameStoreResult> SaveAsync(NameRecord record, NameRecord? expected, CancellationToken cancellation = default)
    {
        lock (_lock)
        {
            var current = _byName.GetValueOrDefault(record.Name);
            if (current?.Version != expected?.Version)
            {
                return Task.FromResult(NameStoreResult.NameChanged);
            }

            if (record.IsRegistered && _nameByAddr.TryGetValue(record.Addr!, out var holder) && holder != record.Name)
            {
                return Task.FromResult(NameStoreResult.AddressInUse);
            }

            if (current is { IsRegistered: true })
            {
                _nameByAddr.Remove(current.Addr!);
            }

            _byName[record.Name] = record;
            if (record.IsRegistered)
            {
                _nameByAddr[record.Addr!] = record.Name;
            }

            return Task.FromResult(NameStoreResult.Saved);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<NameRecord> ExportAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
    {
        NameRecord[] snapshot;
        lock (_lock)
        {
            snapshot = [.. _byName.Values];
        }

        foreach (var record in snapshot)
        {
            cancellation.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask;
    }
}
