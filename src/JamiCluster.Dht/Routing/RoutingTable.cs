using System.Net;

namespace JamiCluster.Dht.Routing;

/// <summary>
/// A Kademlia routing table for one node id and one address family, kept the way 2.4.12 keeps it
/// (opendht-wire.md §4.4): K = 8 per bucket, the bucket holding our own id splits, a full bucket replaces an expired
/// entry or pings a dubious one and otherwise keeps the newcomer as its cached candidate. Time is a parameter.
/// Not thread-safe: the owner serialises access.
/// </summary>
public sealed class RoutingTable
{
    private readonly List<KBucket> _buckets = [new KBucket(InfoHash.Zero)];

    /// <summary>Creates the table of <paramref name="self"/>.</summary>
    public RoutingTable(InfoHash self)
    {
        Self = self;
    }

    /// <summary>Our own id.</summary>
    public InfoHash Self { get; }

    /// <summary>The buckets, ordered by their first id.</summary>
    public IReadOnlyList<KBucket> Buckets => _buckets;

    /// <summary>Total nodes in buckets.</summary>
    public int Count
    {
        get
        {
            var n = 0;
            foreach (var b in _buckets)
            {
                n += b.Nodes.Count;
            }

            return n;
        }
    }

    /// <summary>Number of good nodes.</summary>
    public int CountGood(DateTimeOffset now)
    {
        var n = 0;
        foreach (var b in _buckets)
        {
            foreach (var node in b.Nodes)
            {
                if (node.IsGood(now))
                {
                    n++;
                }
            }
        }

        return n;
    }

    /// <summary>Finds a node by id.</summary>
    public RoutingNode? Find(InfoHash id)
    {
        foreach (var node in _buckets[IndexOf(id)].Nodes)
        {
            if (node.Id == id)
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>
    /// A node reached us: <paramref name="confirm"/> 0 = learned from a list, 1 = it sent us a request, 2 = it replied.
    /// Returns the entry (new or existing) or null when it was only cached or ignored; <paramref name="toPing"/> is a
    /// node the caller should ping (a dubious entry of a full bucket, or the newcomer so it can become good).
    /// </summary>
    public RoutingNode? OnNewNode(InfoHash id, IPAddress address, ushort port, int confirm, DateTimeOffset now, out RoutingNode? toPing)
    {
        toPing = null;
        if (id == Self || id.IsZero)
        {
            return null;
        }

        while (true)
        {
            var index = IndexOf(id);
            var bucket = _buckets[index];
            foreach (var node in bucket.Nodes)
            {
                if (node.Id != id)
                {
                    continue;
                }

                Touch(node, bucket, address, port, confirm, now);
                return node;
            }

            var fresh = new RoutingNode(id, address, port);
            Touch(fresh, bucket, address, port, confirm, now);
            if (bucket.Nodes.Count < DhtLimits.TargetNodes)
            {
                bucket.Nodes.Add(fresh);
                toPing = confirm < 2 ? fresh : null;
                return fresh;
            }

            // Full bucket: replace the first expired entry.
            for (var i = 0; i < bucket.Nodes.Count; i++)
            {
                if (bucket.Nodes[i].Expired)
                {
                    bucket.Nodes[i] = fresh;
                    toPing = confirm < 2 ? fresh : null;
                    return fresh;
                }
            }

            // Otherwise ping the first dubious entry with nothing pending, at most one.
            var dubious = false;
            foreach (var node in bucket.Nodes)
            {
                if (!node.IsGood(now))
                {
                    dubious = true;
                    if (node.PendingRequests == 0)
                    {
                        toPing = node;
                        break;
                    }
                }
            }

            if (Contains(index, Self) && (!dubious || _buckets.Count == 1) && Split(index))
            {
                toPing = null;
                continue;
            }

            bucket.Cached = fresh;
            return null;
        }
    }

    /// <summary>A request to <paramref name="node"/> expired after its retries.</summary>
    public void OnTimeout(RoutingNode node) => node.Expired = true;

    /// <summary>Adds up to <paramref name="count"/> good nodes closest to <paramref name="target"/> (closest first).</summary>
    public void FindClosest(InfoHash target, int count, DateTimeOffset now, List<RoutingNode> into)
    {
        var start = into.Count;
        foreach (var bucket in _buckets)
        {
            foreach (var node in bucket.Nodes)
            {
                if (node.IsGood(now))
                {
                    into.Add(node);
                }
            }
        }

        into.Sort(start, into.Count - start, new DistanceComparer(target));
        if (into.Count - start > count)
        {
            into.RemoveRange(start + count, into.Count - start - count);
        }
    }

    /// <summary>
    /// Bucket maintenance (§4.5): for each bucket that is empty or silent for 10 minutes, a random id inside it and
    /// a node to send <c>find</c> to (from the bucket or a neighbour). Returns how many were added.
    /// </summary>
    public int MaintenanceTargets(DateTimeOffset now, Random random, List<(InfoHash Target, RoutingNode Node)> into)
    {
        var added = 0;
        for (var i = 0; i < _buckets.Count; i++)
        {
            var bucket = _buckets[i];
            if (bucket.Nodes.Count > 0 && now - bucket.LastReply < DhtLimits.NodeExpireTime)
            {
                continue;
            }

            var source = bucket.Nodes.Count > 0 && random.Next(8) != 0 ? bucket : Neighbour(i);
            if (source is null || source.Nodes.Count == 0)
            {
                continue;
            }

            var node = source.Nodes[random.Next(source.Nodes.Count)];
            if (node.PendingRequests > 0 || node.Expired)
            {
                continue;
            }

            into.Add((RandomIdIn(i, random), node));
            added++;
        }

        return added;
    }

    /// <summary>Removes expired nodes; returns cached candidates promoted in their place (the caller pings them).</summary>
    public void RemoveExpired(List<RoutingNode> promoted)
    {
        foreach (var bucket in _buckets)
        {
            var removed = bucket.Nodes.RemoveAll(static n => n.Expired);
            if (removed > 0 && bucket.Cached is { } cached)
            {
                bucket.Nodes.Add(cached);
                bucket.Cached = null;
                promoted.Add(cached);
            }
        }
    }

    private static void Touch(RoutingNode node, KBucket bucket, IPAddress address, ushort port, int confirm, DateTimeOffset now)
    {
        if (confirm >= 1)
        {
            node.LastHeard = now;
            node.Expired = false;
            node.Address = address;
            node.Port = port;
        }

        if (confirm == 2)
        {
            node.LastReply = now;
            bucket.LastReply = now;
        }
    }

    private int IndexOf(InfoHash id)
    {
        // Buckets are few (≤ 160); a binary search keeps lookups cheap anyway.
        int lo = 0, hi = _buckets.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_buckets[mid].First <= id)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private bool Contains(int index, InfoHash id) => IndexOf(id) == index;

    /// <summary>Prefix length of bucket <paramref name="index"/>.</summary>
    private int Depth(int index)
    {
        var low = _buckets[index].First.LowestSetBit();
        var next = index + 1 < _buckets.Count ? _buckets[index + 1].First.LowestSetBit() : -1;
        return Math.Max(low, next) + 1;
    }

    private bool Split(int index)
    {
        var depth = Depth(index);
        if (depth >= 159)
        {
            return false;
        }

        var bucket = _buckets[index];
        var upper = new KBucket(bucket.First.WithBit(depth, true)) { LastReply = bucket.LastReply };
        for (var i = bucket.Nodes.Count - 1; i >= 0; i--)
        {
            if (bucket.Nodes[i].Id >= upper.First)
            {
                upper.Nodes.Add(bucket.Nodes[i]);
                bucket.Nodes.RemoveAt(i);
            }
        }

        _buckets.Insert(index + 1, upper);
        return true;
    }

    private KBucket? Neighbour(int index) =>
        index + 1 < _buckets.Count ? _buckets[index + 1] : index > 0 ? _buckets[index - 1] : null;

    private InfoHash RandomIdIn(int index, Random random)
    {
        Span<byte> bytes = stackalloc byte[InfoHash.Size];
        random.NextBytes(bytes);
        return _buckets[index].First.WithPrefixOf(InfoHash.FromBytes(bytes), Depth(index));
    }

    private sealed class DistanceComparer(InfoHash target) : IComparer<RoutingNode>
    {
        public int Compare(RoutingNode? x, RoutingNode? y) => target.CompareDistance(x!.Id, y!.Id);
    }
}
