using System.Net;
using JamiCluster.Dht.Tests.Support;
using JamiCluster.Dht.Wire;

namespace JamiCluster.Dht.Tests.Wire;

public sealed class CompactNodesTests
{
    [Fact]
    public void Write_IPv4Entry_MatchesTheCapturedLayout()
    {
        var entry = new byte[CompactNodes.Entry4];

        var written = CompactNodes.Write(entry, InfoHash.Parse(SampleTable.A), IPAddress.Loopback, 14222);

        // Sample 04: id ‖ 7f000001 ‖ 378e (14222 big-endian).
        Assert.Equal(26, written);
        Assert.Equal(SampleTable.A + "7f000001378e", Hex.Of(entry));
    }

    [Fact]
    public void TryRead_WrittenIPv4AndIPv6Lists_RoundTrip()
    {
        var v4 = new[] { new NodeAddress(InfoHash.Get("a"), IPAddress.Parse("192.0.2.1"), 1), new NodeAddress(InfoHash.Get("b"), IPAddress.Parse("198.51.100.7"), 65535) };
        var v6 = new[] { new NodeAddress(InfoHash.Get("c"), IPAddress.Parse("2001:db8::1"), 4222), new NodeAddress(InfoHash.Get("d"), IPAddress.IPv6Loopback, 14296) };

        var read4 = new List<NodeAddress>();
        var read6 = new List<NodeAddress>();
        Assert.True(CompactNodes.TryRead(Pack(v4, CompactNodes.Entry4), v6: false, read4));
        Assert.True(CompactNodes.TryRead(Pack(v6, CompactNodes.Entry6), v6: true, read6));

        Assert.Equal(v4, read4);
        Assert.Equal(v6, read6);
        Assert.All(read6, n => Assert.True(n.IsIPv6));
    }

    [Theory]
    [InlineData(25, false)]
    [InlineData(27, false)]
    [InlineData(38, false)]
    [InlineData(26, true)]
    [InlineData(39, true)]
    public void TryRead_LengthNotAMultipleOfTheEntry_IsRejected(int length, bool v6)
    {
        var into = new List<NodeAddress>();

        // 2.4.12 discards the whole reply in this case, so no partial list may come out either.
        Assert.False(CompactNodes.TryRead(new byte[length], v6, into));
        Assert.Empty(into);
    }

    [Fact]
    public void TryRead_Empty_IsAnEmptyList()
    {
        var into = new List<NodeAddress>();

        Assert.True(CompactNodes.TryRead([], v6: true, into));
        Assert.Empty(into);
    }

    [Fact]
    public void Write_DestinationTooSmall_WritesNothing()
    {
        Assert.Equal(0, CompactNodes.Write(new byte[CompactNodes.Entry4 - 1], InfoHash.Zero, IPAddress.Loopback, 1));
        Assert.Equal(0, CompactNodes.Write(new byte[CompactNodes.Entry6 - 1], InfoHash.Zero, IPAddress.IPv6Loopback, 1));
    }

    private static byte[] Pack(NodeAddress[] nodes, int size)
    {
        var blob = new byte[nodes.Length * size];
        for (var i = 0; i < nodes.Length; i++)
        {
            Assert.Equal(size, CompactNodes.Write(blob.AsSpan(i * size), nodes[i].Id, nodes[i].Address, nodes[i].Port));
        }

        return blob;
    }
}
