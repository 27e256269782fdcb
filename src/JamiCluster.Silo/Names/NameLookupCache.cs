using Microsoft.Extensions.Caching.Memory;

namespace JamiCluster.Silo.Names;

/// <summary>
/// The serialized answers of recent successful lookups, per silo. A registered record never changes, so a hit can
/// skip the grain call; only a revocation makes an entry wrong, and it stops being served within
/// <see cref="NameServerOptions.LookupCacheSeconds"/>. Misses are never cached: a new name must resolve at once.
/// </summary>
public sealed class NameLookupCache : IDisposable
{
    private readonly MemoryCache? _cache;
    private readonly TimeSpan _lifetime;

    /// <summary>Creates the cache (none when the lifetime is 0).</summary>
    public NameLookupCache(IOptions<NameServerOptions> options)
    {
        _lifetime = TimeSpan.FromSeconds(options.Value.LookupCacheSeconds);
        if (_lifetime > TimeSpan.Zero)
        {
            _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.LookupCacheEntries });
        }
    }

    /// <summary>The cached reply body for a key (<c>name:…</c> or <c>addr:…</c>).</summary>
    public bool TryGet(string key, out byte[] body)
    {
        body = [];
        return _cache is not null && _cache.TryGetValue(key, out body!);
    }

    /// <summary>Keeps a reply body.</summary>
    public void Set(string key, byte[] body)
    {
        if (_cache is not null)
        {
            using var entry = _cache.CreateEntry(key);
            entry.Value = body;
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = _lifetime;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _cache?.Dispose();
}
