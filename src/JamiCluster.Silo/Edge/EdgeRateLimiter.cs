using System.Threading.RateLimiting;
using JamiCluster.Dht.Fragments;

namespace JamiCluster.Silo.Edge;

/// <summary>
/// OpenDHT's two request limits (opendht-wire.md §1.6): a sliding one-second window per source IPv4 address or
/// IPv6 /64, then a global one. Only requests and orphan parts are counted; replies never are.
/// </summary>
public sealed class EdgeRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<PeerKey>? _perIp;
    private readonly RateLimiter? _global;

    /// <summary>Creates the limiters; a limit of 0 means unlimited.</summary>
    public EdgeRateLimiter(int perIpPerSecond, int globalPerSecond)
    {
        if (perIpPerSecond > 0)
        {
            _perIp = PartitionedRateLimiter.Create<PeerKey, PeerKey>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => Window(perIpPerSecond)));
        }

        if (globalPerSecond > 0)
        {
            _global = new SlidingWindowRateLimiter(Window(globalPerSecond));
        }
    }

    /// <summary>True when a request from <paramref name="ip"/> may be served now.</summary>
    public bool TryAcquire(ReadOnlySpan<byte> ip)
    {
        if (_perIp is not null)
        {
            using var lease = _perIp.AttemptAcquire(PrefixKey(ip));
            if (!lease.IsAcquired)
            {
                return false;
            }
        }

        if (_global is not null)
        {
            using var lease = _global.AttemptAcquire();
            return lease.IsAcquired;
        }

        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _perIp?.Dispose();
        _global?.Dispose();
    }

    /// <summary>IPv4: the whole address; IPv6: the /64 prefix (OpenDHT compares 8 bytes).</summary>
    private static PeerKey PrefixKey(ReadOnlySpan<byte> ip)
    {
        var key = PeerKey.From(ip, 0);
        return ip.Length == 16 ? key with { Low = 0 } : key;
    }

    private static SlidingWindowRateLimiterOptions Window(int perSecond) => new()
    {
        PermitLimit = perSecond,
        Window = TimeSpan.FromSeconds(1),
        SegmentsPerWindow = 10,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
