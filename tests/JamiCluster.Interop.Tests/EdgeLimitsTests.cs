using JamiCluster.Dht.Wire;

namespace JamiCluster.Interop.Tests;

/// <summary>
/// Per-IP and global request limits (OpenDHT's sliding one-second windows), and the address a head advertises to a
/// client on a host with several addresses. Own silo: the limits here are lowered so a burst shows them quickly.
/// </summary>
public sealed class EdgeLimitsTests : IAsyncLifetime
{
    private const int PerIp = 200;
    private SiloProcess _silo = null!;

    public async Task InitializeAsync() => _silo = await SiloProcess.StartAsync(
        new Dictionary<string, string>
        {
            ["JamiCluster:Edge:PerIpRequestsPerSecond"] = PerIp.ToString(),
            ["JamiCluster:Edge:GlobalRequestsPerSecond"] = "100000",
            // Every interface, so the same head is reachable at 127.0.0.1 and 127.0.0.2 (both on lo).
            ["JamiCluster:Edge:BindAddresses:0"] = "0.0.0.0",
        },
        headCount: 2);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task BurstFromOneIp_IsCappedAtThePerIpLimit_OtherIpStillServed()
    {
        // Wait out the window used by the readiness pings.
        await Task.Delay(1100);
        using var flooder = new RawDhtClient();
        var pings = Enumerable.Range(0, PerIp * 2).Select(_ => flooder.PingAsync(_silo.Head(), TimeSpan.FromSeconds(2))).ToArray();
        var replies = await Task.WhenAll(pings);
        var answered = replies.Count(r => r is not null);
        Assert.InRange(answered, PerIp - 5, PerIp + 5);

        using var other = new RawDhtClient(IPAddress.Parse("127.0.0.2"));
        Assert.NotNull(await other.PingAsync(_silo.Head()));
    }

    [Fact]
    public async Task FindThroughSecondAddress_AdvertisesTheHeadsAtThatAddress()
    {
        using var client = new RawDhtClient(IPAddress.Parse("127.0.0.2"));
        var reply = await client.FindAsync(new IPEndPoint(IPAddress.Parse("127.0.0.3"), _silo.BasePort), InfoHash.Random());
        Assert.NotNull(reply);
        var nodes = new List<NodeAddress>();
        Assert.True(CompactNodes.TryRead(reply.Message.N4.Span, v6: false, nodes));
        Assert.Equal(2, nodes.Count);
        Assert.All(nodes, n => Assert.Equal(IPAddress.Parse("127.0.0.3"), n.Address));
        Assert.Equal([_silo.BasePort, _silo.BasePort + 1], nodes.Select(n => (int)n.Port).Order());
    }
}
