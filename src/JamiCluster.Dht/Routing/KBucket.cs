namespace JamiCluster.Dht.Routing;

/// <summary>A bucket: the nodes whose ids fall in [<see cref="First"/>, next bucket's first), at most K = 8.</summary>
public sealed class KBucket
{
    /// <summary>Creates a bucket starting at <paramref name="first"/>.</summary>
    public KBucket(InfoHash first)
    {
        First = first;
    }

    /// <summary>Lower bound of the bucket's range.</summary>
    public InfoHash First { get; }

    /// <summary>The bucket's nodes.</summary>
    public List<RoutingNode> Nodes { get; } = [];

    /// <summary>One spare candidate, pinged when an entry leaves.</summary>
    public RoutingNode? Cached { get; set; }

    /// <summary>Last reply from any node of the bucket.</summary>
    public DateTimeOffset LastReply { get; set; }
}
