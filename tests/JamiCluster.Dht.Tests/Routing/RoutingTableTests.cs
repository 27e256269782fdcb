using System.Net;
using JamiCluster.Dht.Routing;

namespace JamiCluster.Dht.Tests.Routing;

public sealed class RoutingTableTests
{
    private const int Heard = 1;
    private const int Replied = 2;

    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    // Our id sits at the very bottom of the id space, so the first split separates it from the upper half.
    private static readonly InfoHash Self = InfoHash.Parse("0000000000000000000000000000000000000001");

    [Fact]
    public void OnNewNode_ReplyingNode_IsInsertedAndGood()
    {
        var table = new RoutingTable(Self);
        var id = Upper(1);

        var node = table.OnNewNode(id, IPAddress.Loopback, 4222, Replied, Now, out var toPing);

        Assert.NotNull(node);
        Assert.Null(toPing);
        Assert.Same(node, table.Find(id));
        Assert.True(node.IsGood(Now));
        Assert.Equal(1, table.Count);
        Assert.Equal(1, table.CountGood(Now));
    }

    [Fact]
    public void OnNewNode_NodeLearnedFromAList_IsInsertedButMustBePinged()
    {
        var table = new RoutingTable(Self);

        var node = table.OnNewNode(Upper(1), IPAddress.Loopback, 4222, 0, Now, out var toPing);

        // Only a reply to our own request makes a node good.
        Assert.NotNull(node);
        Assert.Same(node, toPing);
        Assert.False(node.IsGood(Now));
    }

    [Fact]
    public void OnNewNode_OwnOrZeroId_IsIgnored()
    {
        var table = new RoutingTable(Self);

        Assert.Null(table.OnNewNode(Self, IPAddress.Loopback, 4222, Replied, Now, out _));
        Assert.Null(table.OnNewNode(InfoHash.Zero, IPAddress.Loopback, 4222, Replied, Now, out _));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void OnNewNode_KnownNodeFromNewAddress_UpdatesTheEntry()
    {
        var table = new RoutingTable(Self);
        var first = table.OnNewNode(Upper(1), IPAddress.Loopback, 4222, Replied, Now, out _);

        var again = table.OnNewNode(Upper(1), IPAddress.Parse("192.0.2.9"), 5000, Heard, Now.AddMinutes(1), out _);

        Assert.Same(first, again);
        Assert.Equal(IPAddress.Parse("192.0.2.9"), again!.Address);
        Assert.Equal(5000, again.Port);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void OnNewNode_NinthNodeInOwnBucket_SplitsAroundOwnId()
    {
        var table = new RoutingTable(Self);
        for (var i = 1; i <= 8; i++)
        {
            Assert.NotNull(table.OnNewNode(Upper(i), IPAddress.Loopback, 4222, Replied, Now, out _));
        }

        Assert.Single(table.Buckets);

        var near = table.OnNewNode(Lower(1), IPAddress.Loopback, 4222, Replied, Now, out _);

        // The full bucket held our id, so it split at bit 0: [0, 8000…) with us and the newcomer, [8000…, max] with the 8 others.
        Assert.NotNull(near);
        Assert.Equal(2, table.Buckets.Count);
        Assert.Equal(InfoHash.Zero, table.Buckets[0].First);
        Assert.Equal(InfoHash.Zero.WithBit(0, true), table.Buckets[1].First);
        Assert.Equal(Lower(1), Assert.Single(table.Buckets[0].Nodes).Id);
        Assert.Equal(8, table.Buckets[1].Nodes.Count);
        Assert.Equal(9, table.Count);
    }

    [Fact]
    public void OnNewNode_ManyNodes_KeepsBucketsOrderedDisjointAndAtMostK()
    {
        var table = new RoutingTable(Self);
        var random = new Random(5);
        var inserted = new List<InfoHash>();
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[InfoHash.Size];
            random.NextBytes(bytes);

            // Bias half of them towards our id so that several splits happen near it.
            if (i % 2 == 0)
            {
                bytes.AsSpan(0, 1 + (i % 4)).Clear();
            }

            var id = InfoHash.FromBytes(bytes);
            if (table.OnNewNode(id, IPAddress.Loopback, 4222, Replied, Now, out _) is not null)
            {
                inserted.Add(id);
            }
        }

        Assert.True(table.Buckets.Count > 4, $"only {table.Buckets.Count} buckets");
        for (var b = 0; b < table.Buckets.Count; b++)
        {
            var bucket = table.Buckets[b];
            Assert.True(bucket.Nodes.Count <= DhtLimits.TargetNodes);
            Assert.All(bucket.Nodes, n => Assert.True(n.Id >= bucket.First));
            if (b + 1 < table.Buckets.Count)
            {
                Assert.True(bucket.First < table.Buckets[b + 1].First);
                Assert.All(bucket.Nodes, n => Assert.True(n.Id < table.Buckets[b + 1].First));
            }
        }

        Assert.All(inserted, id => Assert.NotNull(table.Find(id)));
        Assert.Equal(inserted.Count, table.Count);
    }

    [Fact]
    public void OnNewNode_FullBucketWithoutOwnId_CachesTheNewcomer()
    {
        var table = SplitTable();
        var newcomer = Upper(100);

        var node = table.OnNewNode(newcomer, IPAddress.Loopback, 4222, Replied, Now, out var toPing);

        // Every entry is good, so nobody needs a ping; the newcomer waits as the candidate.
        Assert.Null(node);
        Assert.Null(toPing);
        Assert.Null(table.Find(newcomer));
        Assert.Equal(newcomer, table.Buckets[1].Cached?.Id);
    }

    [Fact]
    public void OnNewNode_FullBucketWithExpiredEntry_ReplacesIt()
    {
        var table = SplitTable();
        var victim = table.Find(Upper(3))!;
        table.OnTimeout(victim);

        var node = table.OnNewNode(Upper(100), IPAddress.Loopback, 4222, Replied, Now, out _);

        Assert.NotNull(node);
        Assert.Null(table.Find(Upper(3)));
        Assert.Equal(8, table.Buckets[1].Nodes.Count);
    }

    [Fact]
    public void OnNewNode_FullBucketWithDubiousEntry_PingsItAndCachesTheNewcomer()
    {
        var table = SplitTable();
        var later = Now.AddMinutes(5);
        for (var i = 1; i <= 8; i++)
        {
            // All but Upper(4) are heard from again; Upper(4) will have been silent for over 10 minutes.
            if (i != 4)
            {
                table.OnNewNode(Upper(i), IPAddress.Loopback, 4222, Heard, later, out _);
            }
        }

        var node = table.OnNewNode(Upper(100), IPAddress.Loopback, 4222, Replied, Now.AddMinutes(11), out var toPing);

        Assert.Null(node);
        Assert.Equal(Upper(4), toPing?.Id);
        Assert.Equal(Upper(100), table.Buckets[1].Cached?.Id);
    }

    [Fact]
    public void RemoveExpired_BucketWithCandidate_PromotesIt()
    {
        var table = SplitTable();
        table.OnNewNode(Upper(100), IPAddress.Loopback, 4222, Replied, Now, out _);
        table.OnTimeout(table.Find(Upper(2))!);
        var promoted = new List<RoutingNode>();

        table.RemoveExpired(promoted);

        Assert.Equal(Upper(100), Assert.Single(promoted).Id);
        Assert.NotNull(table.Find(Upper(100)));
        Assert.Null(table.Find(Upper(2)));
        Assert.Null(table.Buckets[1].Cached);
    }

    [Fact]
    public void FindClosest_MixedNodes_ReturnsOnlyGoodOnesSortedByXor()
    {
        var table = new RoutingTable(Self);
        var good = new[] { "8000000000000000000000000000000000000001", "8000000000000000000000000000000000000100", "c000000000000000000000000000000000000000", "4000000000000000000000000000000000000000" };
        foreach (var id in good)
        {
            table.OnNewNode(InfoHash.Parse(id), IPAddress.Loopback, 4222, Replied, Now, out _);
        }

        // Closer to the target than any good node, but never replied to us.
        table.OnNewNode(InfoHash.Parse("8000000000000000000000000000000000000000"), IPAddress.Loopback, 4222, Heard, Now, out _);
        var expired = table.OnNewNode(InfoHash.Parse("8000000000000000000000000000000000000002"), IPAddress.Loopback, 4222, Replied, Now, out _);
        table.OnTimeout(expired!);
        var into = new List<RoutingNode>();

        table.FindClosest(InfoHash.Parse("8000000000000000000000000000000000000000"), 3, Now, into);

        Assert.Equal(good[..3], into.Select(n => n.Id.ToString()));
    }

    [Fact]
    public void FindClosest_NodeSilentForTenMinutes_IsNoLongerReturned()
    {
        var table = new RoutingTable(Self);
        table.OnNewNode(Upper(1), IPAddress.Loopback, 4222, Replied, Now, out _);
        var into = new List<RoutingNode>();

        table.FindClosest(Upper(1), 8, Now.AddMinutes(10).AddSeconds(1), into);

        Assert.Empty(into);
    }

    [Fact]
    public void MaintenanceTargets_FreshTable_AsksNothing()
    {
        var table = new RoutingTable(Self);
        table.OnNewNode(Upper(1), IPAddress.Loopback, 4222, Replied, Now, out _);
        var into = new List<(InfoHash Target, RoutingNode Node)>();

        Assert.Equal(0, table.MaintenanceTargets(Now.AddMinutes(1), new Random(1), into));
        Assert.Empty(into);
    }

    [Fact]
    public void MaintenanceTargets_EmptyBucket_AsksANeighbourForAnIdInsideIt()
    {
        // After the split our own bucket [0, 8000…) is empty and the upper one replied just now.
        var table = SplitTable();
        var into = new List<(InfoHash Target, RoutingNode Node)>();

        Assert.Equal(1, table.MaintenanceTargets(Now, new Random(1), into));

        var (target, node) = Assert.Single(into);
        Assert.True(target < table.Buckets[1].First, $"target {target} is outside the empty bucket");
        Assert.Contains(node, table.Buckets[1].Nodes);
    }

    [Fact]
    public void MaintenanceTargets_BucketSilentForTenMinutes_IsRefreshed()
    {
        var table = SplitTable();
        var into = new List<(InfoHash Target, RoutingNode Node)>();

        // A random source that never takes the 1-in-8 detour through the (empty) neighbour.
        table.MaintenanceTargets(Now.AddMinutes(10), new NoDetourRandom(), into);

        // Both buckets qualify now: the empty one and the silent one; each target lies in its own bucket.
        Assert.Equal(2, into.Count);
        Assert.Single(into, t => t.Target < table.Buckets[1].First);
        Assert.Single(into, t => t.Target >= table.Buckets[1].First);
    }

    [Fact]
    public void MaintenanceTargets_NodeWithPendingRequest_IsNotAskedAgain()
    {
        var table = new RoutingTable(Self);
        var node = table.OnNewNode(Upper(1), IPAddress.Loopback, 4222, Replied, Now, out _)!;
        node.PendingRequests = 1;
        var into = new List<(InfoHash Target, RoutingNode Node)>();

        Assert.Equal(0, table.MaintenanceTargets(Now.AddMinutes(11), new Random(1), into));
    }

    /// <summary>Always answers 1 (or 0 when that is the only choice): picks the bucket itself and its second node.</summary>
    private sealed class NoDetourRandom : Random
    {
        public override int Next(int maxValue) => maxValue > 1 ? 1 : 0;
    }

    /// <summary>Ids in the upper half of the space (first bit 1), far from our own.</summary>
    private static InfoHash Upper(int n) => InfoHash.Zero.WithBit(0, true).WithBit(159 - (n % 32), true).WithBit(100 + (n / 32), true);

    /// <summary>Ids in the lower half, next to our own.</summary>
    private static InfoHash Lower(int n) => InfoHash.Zero.WithBit(1, true).WithBit(159 - n, true);

    /// <summary>
    /// Eight good nodes in the upper half, then a ninth one there: the split leaves our bucket empty and the upper bucket
    /// full (the ninth becomes its candidate). Cached candidates are cleared so tests start from a known state.
    /// </summary>
    private static RoutingTable SplitTable()
    {
        var table = new RoutingTable(Self);
        for (var i = 1; i <= 9; i++)
        {
            table.OnNewNode(Upper(i), IPAddress.Loopback, 4222, Replied, Now, out _);
        }

        Assert.Equal(2, table.Buckets.Count);
        Assert.Empty(table.Buckets[0].Nodes);
        Assert.Equal(8, table.Buckets[1].Nodes.Count);
        table.Buckets[1].Cached = null;
        return table;
    }
}
