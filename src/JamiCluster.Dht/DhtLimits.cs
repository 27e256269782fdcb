namespace JamiCluster.Dht;

/// <summary>Protocol limits and timings of OpenDHT 2.4.12 (see opendht-wire.md), named once.</summary>
public static class DhtLimits
{
    /// <summary>UDP receive buffer: OpenDHT reads into 64 KiB and truncates anything longer.</summary>
    public const int MaxDatagram = 64 * 1024;

    /// <summary>Largest value size accepted (<c>MAX_VALUE_SIZE</c>).</summary>
    public const int MaxValueSize = 64 * 1024;

    /// <summary>Largest fragmented blob announced in a header (values above are ignored).</summary>
    public const int MaxFragmentedBlob = 64 * 1024 + 32;

    /// <summary>Bytes of value data per value part (<c>MTU</c>).</summary>
    public const int PartChunk = 1280;

    /// <summary>Values are inlined only below this count…</summary>
    public const int MaxInlineValues = 50;

    /// <summary>…and below this total serialized size (<c>MAX_PACKET_VALUE_SIZE</c>).</summary>
    public const int MaxInlineBytes = 600;

    /// <summary>Nodes per family in find/get replies (<c>SEND_NODES</c>) and bucket capacity (K).</summary>
    public const int TargetNodes = 8;

    /// <summary>Length of the tokens we issue.</summary>
    public const int TokenSize = 32;

    /// <summary>Longest token a requester may echo.</summary>
    public const int MaxTokenSize = 64;

    /// <summary>A fragmented message must complete within this time of its header.</summary>
    public static readonly TimeSpan RxMaxPacketTime = TimeSpan.FromSeconds(10);

    /// <summary>…with no more than this between accepted chunks.</summary>
    public static readonly TimeSpan RxTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Listener records live this long after their last refresh (<c>NODE_EXPIRE_TIME</c>).</summary>
    public static readonly TimeSpan ListenerExpire = TimeSpan.FromMinutes(10);

    /// <summary>A node stays good this long after its last reply to us.</summary>
    public static readonly TimeSpan NodeGoodTime = TimeSpan.FromMinutes(120);

    /// <summary>A node stays good only if heard from within this time.</summary>
    public static readonly TimeSpan NodeExpireTime = TimeSpan.FromMinutes(10);

    /// <summary>OpenDHT's default per-key value cap (<c>Storage::MAX_VALUES</c>).</summary>
    public const int MaxValuesPerKey = 65536;
}
