using System.Diagnostics;
using JamiCluster.Dht.Tests.Support;
using JamiCluster.Dht.Wire;

namespace JamiCluster.Dht.Tests.Wire;

public sealed partial class DhtMessageReaderTests
{
    private const int MutationsPerVector = 2000;
    private const int RandomBuffers = 20000;

    [Fact]
    public void TryRead_MutatedVectors_NeverThrows()
    {
        var input = new HostileInput(seed: 20241212);
        var message = new DhtMessage();
        foreach (var name in Vectors.Names)
        {
            var original = Vectors.Load(name);
            for (var i = 0; i < MutationsPerVector; i++)
            {
                var mutated = input.Mutate(original);
                DecodeNeverThrows(mutated, message, name, i);
            }
        }
    }

    [Fact]
    public void TryRead_RandomBuffers_NeverThrows()
    {
        var input = new HostileInput(seed: 4222);
        var message = new DhtMessage();
        for (var i = 0; i < RandomBuffers; i++)
        {
            DecodeNeverThrows(input.RandomBuffer(), message, "random", i);
        }
    }

    [Theory]
    [InlineData("ddffffffff")] // array32 of 4 294 967 295 elements, 5 bytes in all (not even a map)
    [InlineData("dfffffffff")] // map32 of 4 294 967 295 entries
    [InlineData("df7fffffff")] // map32 of 2 147 483 647 entries: fits an int, so only the remaining-bytes check stops it
    [InlineData("81a161dfffffffff")] // a: map32
    [InlineData("81a161dc")] // a: truncated array16
    [InlineData("82a161dd7fffffffa171a3707574")] // a: array32 then q: put
    [InlineData("81a16181a676616c756573ddffffffff")] // a.values: array32 of 4 billion
    [InlineData("81a16181a5746f6b656edd7fffffff")] // a.token as a legacy uint8 array of 2 billion
    [InlineData("81a16181a5746f6b656ec6ffffffff")] // a.token: bin32 of 4 GiB
    [InlineData("81a17081cfffffffffffffffff81a164c6ffffffff")] // p: {huge index: {d: bin32}}
    [InlineData("81a170810081a164c6ffffffff")] // p: {0: {d: bin32 of 4 GiB}}
    public void TryRead_HugeDeclaredLength_ReturnsNonOkWithoutAllocating(string hex)
    {
        var datagram = Convert.FromHexString(hex);
        var message = new DhtMessage();

        // Warm up so that first-call type initialisation does not count.
        DhtMessageReader.TryRead(datagram, message);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var status = DhtMessageReader.TryRead(datagram, message);
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotEqual(DecodeStatus.Ok, status);

        // A few exception objects at most; anything near the declared sizes would be gigabytes.
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");

        // Generous: a loaded 2-core machine, but far from the time needed to walk billions of declared elements.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public void TryRead_OversizeDatagram_IsRefusedBeforeParsing()
    {
        var datagram = new byte[DhtLimits.MaxDatagram + 1];
        datagram[0] = 0x80;

        Assert.Equal(DecodeStatus.Oversize, DhtMessageReader.TryRead(datagram, new DhtMessage()));
    }

    [Fact]
    public void TryRead_EmptyDatagram_IsMalformed()
    {
        Assert.Equal(DecodeStatus.Malformed, DhtMessageReader.TryRead(ReadOnlyMemory<byte>.Empty, new DhtMessage()));
    }

    [Fact]
    public void TryRead_DeeplyNestedUnknownValue_IsMalformedNotAStackOverflow()
    {
        var input = new HostileInput(seed: 1);
        for (var i = 0; i < 20; i++)
        {
            var datagram = input.DeepNesting();
            var status = DhtMessageReader.TryRead(datagram, new DhtMessage());
            Assert.NotEqual(DecodeStatus.Ok, status);
        }
    }

    [Fact]
    public void TryRead_ReusedMessage_IsResetBetweenDatagrams()
    {
        var message = new DhtMessage();
        Assert.Equal(DecodeStatus.Ok, DhtMessageReader.TryRead(Vectors.Load(40), message));

        Assert.Equal(DecodeStatus.Ok, DhtMessageReader.TryRead(Vectors.Load(1), message));

        // Nothing of the find reply may leak into the ping that reused the instance.
        Assert.True(message.N4.IsEmpty);
        Assert.True(message.N6.IsEmpty);
        Assert.True(message.Token.IsEmpty);
        Assert.True(message.Sa.IsEmpty);
        Assert.Equal(QueryVerb.Ping, message.Verb);
    }

    [Theory]
    [InlineData("83a171a470696e67a179a172a16181a26964c414e51d27337c3b164e26f113ef3fa1074f827f156f")] // y: "r" but no r body
    [InlineData("82a171a470696e67a17401")] // a ping without its body a
    [InlineData("82a171a3666f6fa16181a26964c414e51d27337c3b164e26f113ef3fa1074f827f156f")] // unknown verb "foo"
    public void TryRead_UnclassifiableQuery_IsRejected(string hex)
    {
        Assert.Equal(DecodeStatus.Unclassified, DhtMessageReader.TryRead(Convert.FromHexString(hex), new DhtMessage()));
    }

    [Theory]
    [InlineData("82a16181a26964c413e51d27337c3b164e26f113ef3fa1074f827f15a171a470696e67", DecodeStatus.BadHash)] // id: bin[19]
    [InlineData("82a16181a26964b4e51d27337c3b164e26f113ef3fa1074f827f156fa171a470696e67", DecodeStatus.BadHash)] // id: str[20]
    [InlineData("82a17282a26964c414e51d27337c3b164e26f113ef3fa1074f827f156fa27361a47f000001a179a172", DecodeStatus.BadField)] // sa: str
    public void TryRead_MistypedField_IsRejectedWithItsReason(string hex, DecodeStatus expected)
    {
        Assert.Equal(expected, DhtMessageReader.TryRead(Convert.FromHexString(hex), new DhtMessage()));
    }

    private static void DecodeNeverThrows(byte[] datagram, DhtMessage message, string source, int index)
    {
        try
        {
            DhtMessageReader.TryRead(datagram, message);
        }
        catch (Exception e)
        {
            Assert.Fail($"TryRead threw {e.GetType().Name} on {source} #{index}: {Convert.ToHexStringLower(datagram)}\n{e}");
        }
    }
}
