using System.Buffers;
using JamiCluster.Dht.Fragments;
using JamiCluster.Dht.Tests.Support;
using JamiCluster.Dht.Values;
using JamiCluster.Dht.Wire;

namespace JamiCluster.Dht.Tests.Fragments;

public sealed class FragmentAssemblerTests
{
    private static readonly PeerKey Peer = PeerKey.From([127, 0, 0, 1], 14223);
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    // Samples 17–19: a put header announcing 2038 bytes, then parts at offsets 0 (1280 bytes) and 1280 (758 bytes).
    private readonly byte[] _header = Vectors.Load(17);
    private readonly DhtMessage _part0 = Vectors.Decode(18);
    private readonly DhtMessage _part1 = Vectors.Decode(19);

    [Fact]
    public void AddPart_InOrder_CompletesWithTheConcatenatedChunks()
    {
        var assembler = WithHeader();

        Assert.False(assembler.AddPart(Peer, _part0, T0.AddSeconds(0.1), out _, out _));
        Assert.True(assembler.AddPart(Peer, _part1, T0.AddSeconds(0.2), out var header, out var values));

        Assert.Equal(_header, header);
        Assert.Equal(Hex.Of(_part0.Parts[0].Data) + Hex.Of(_part1.Parts[0].Data), Hex.Of(values[0]));
        Assert.Equal(0, assembler.Count);
    }

    [Fact]
    public void AddPart_CapturedLargePut_ReassemblesTheDocumentedValue()
    {
        var raw = Vectors.Reassemble(17, 18, 19);

        // Samples document, "Reassembled: 2038-byte unsigned value".
        Assert.Equal(2038, raw.Length);
        Assert.StartsWith("82a26964cfd156e9801b3671dfa364617481a4626f647982", Hex.Of(raw), StringComparison.Ordinal);
        Assert.True(DhtValue.TryParse(raw, out var value));
        Assert.Equal(0xd156e9801b3671dfUL, value.Id);
        Assert.Equal(0UL, value.Type);
        Assert.Equal(2000, value.Data.Length);
        Assert.StartsWith("00070e151c232a31383f464d", Hex.Of(value.Data), StringComparison.Ordinal);
        Assert.False(value.IsSigned);
    }

    [Fact]
    public void AddPart_OutOfOrder_StillCompletes()
    {
        var assembler = WithHeader();

        // 2.4.12 would drop the early chunk; 3.7.3+ and we accept it.
        Assert.False(assembler.AddPart(Peer, _part1, T0.AddSeconds(0.1), out _, out _));
        Assert.True(assembler.AddPart(Peer, _part0, T0.AddSeconds(0.2), out _, out var values));

        Assert.Equal(Hex.Of(_part0.Parts[0].Data) + Hex.Of(_part1.Parts[0].Data), Hex.Of(values[0]));
    }

    [Fact]
    public void AddPart_DuplicateChunk_IsNotCountedTwice()
    {
        var assembler = WithHeader();

        Assert.False(assembler.AddPart(Peer, _part0, T0.AddSeconds(0.1), out _, out _));
        Assert.False(assembler.AddPart(Peer, _part0, T0.AddSeconds(0.2), out _, out _));

        Assert.Equal(1, assembler.Count);
        Assert.True(assembler.AddPart(Peer, _part1, T0.AddSeconds(0.3), out _, out _));
    }

    [Fact]
    public void AddPart_OverlappingChunksFillingTheLength_DoNotCompleteWithAHole()
    {
        // Header for 10 bytes; chunks [0, 6) and [4, 8) add up to 10 bytes yet leave [8, 10) unwritten.
        var header = Header(tid: 5, 10);
        var assembler = new FragmentAssembler();
        Assert.True(assembler.AddHeader(Peer, Vectors.DecodeOk(header), header, T0));

        Assert.False(assembler.AddPart(Peer, Part(5, 0, 0, new byte[6]), T0, out _, out _));
        Assert.False(assembler.AddPart(Peer, Part(5, 0, 4, new byte[4]), T0, out _, out _));

        Assert.True(assembler.AddPart(Peer, Part(5, 0, 6, [1, 2, 3, 4]), T0, out _, out var values));
        Assert.Equal("00000000000001020304", Hex.Of(values[0]));
    }

    [Fact]
    public void AddPart_ChunkPastTheAnnouncedSize_IsIgnored()
    {
        var header = Header(tid: 6, 4);
        var assembler = new FragmentAssembler();
        Assert.True(assembler.AddHeader(Peer, Vectors.DecodeOk(header), header, T0));

        Assert.False(assembler.AddPart(Peer, Part(6, 0, 2, [1, 2, 3]), T0, out _, out _));
        Assert.False(assembler.AddPart(Peer, Part(6, 1, 0, [1, 2, 3, 4]), T0, out _, out _));

        Assert.True(assembler.AddPart(Peer, Part(6, 0, 0, [1, 2, 3, 4]), T0, out _, out var values));
        Assert.Equal("01020304", Hex.Of(values[0]));
    }

    [Fact]
    public void AddPart_FromAnotherPeer_IsIgnored()
    {
        var assembler = WithHeader();
        var other = PeerKey.From([127, 0, 0, 1], 14299);

        Assert.False(assembler.AddPart(other, _part0, T0, out _, out _));
        Assert.False(assembler.AddPart(other, _part1, T0, out _, out _));

        // Parts must come from the header's IP:port; the other peer's chunks were not stored.
        Assert.False(assembler.AddPart(Peer, _part1, T0, out _, out _));
    }

    [Fact]
    public void AddPart_GapAboveThreeSeconds_DropsTheMessage()
    {
        var assembler = WithHeader();
        Assert.False(assembler.AddPart(Peer, _part0, T0.AddSeconds(1), out _, out _));

        Assert.False(assembler.AddPart(Peer, _part1, T0.AddSeconds(4.5), out _, out _));

        Assert.Equal(0, assembler.Count);
    }

    [Fact]
    public void AddPart_GapJustBelowThreeSeconds_Completes()
    {
        var assembler = WithHeader();
        Assert.False(assembler.AddPart(Peer, _part0, T0.AddSeconds(2.9), out _, out _));

        Assert.True(assembler.AddPart(Peer, _part1, T0.AddSeconds(5.8), out _, out _));
    }

    [Fact]
    public void AddPart_MoreThanTenSecondsAfterHeader_DropsTheMessageEvenWithShortGaps()
    {
        var header = Header(tid: 9, 10);
        var assembler = new FragmentAssembler();
        Assert.True(assembler.AddHeader(Peer, Vectors.DecodeOk(header), header, T0));

        // One byte every 2 s never breaks the 3-s gap rule, but the sixth chunk arrives 12 s after the header.
        for (var i = 0; i < 5; i++)
        {
            Assert.False(assembler.AddPart(Peer, Part(9, 0, i, [(byte)i]), T0.AddSeconds(2 * (i + 1)), out _, out _));
        }

        Assert.False(assembler.AddPart(Peer, Part(9, 0, 5, [5]), T0.AddSeconds(12), out _, out _));
        Assert.Equal(0, assembler.Count);
    }

    [Fact]
    public void AddHeader_Retransmitted_IsIgnoredAndKeepsProgress()
    {
        var assembler = WithHeader();
        Assert.False(assembler.AddPart(Peer, _part0, T0.AddSeconds(1), out _, out _));

        // 2.4.12 re-sends the header with every retransmission of a put.
        Assert.False(assembler.AddHeader(Peer, Vectors.DecodeOk(_header), _header, T0.AddSeconds(1.5)));

        Assert.Equal(1, assembler.Count);
        Assert.True(assembler.AddPart(Peer, _part1, T0.AddSeconds(2), out _, out _));
    }

    [Fact]
    public void AddHeader_AtCapacity_IsRefusedUntilStaleOnesExpire()
    {
        var assembler = new FragmentAssembler(maxPending: 2);
        for (uint tid = 1; tid <= 2; tid++)
        {
            var h = Header(tid, 100);
            Assert.True(assembler.AddHeader(Peer, Vectors.DecodeOk(h), h, T0));
        }

        var third = Header(3, 100);
        Assert.False(assembler.AddHeader(Peer, Vectors.DecodeOk(third), third, T0.AddSeconds(1)));
        Assert.Equal(2, assembler.Count);

        // Once the first two have timed out, a full assembler makes room by expiring them.
        Assert.True(assembler.AddHeader(Peer, Vectors.DecodeOk(third), third, T0.AddSeconds(11)));
        Assert.Equal(1, assembler.Count);
    }

    [Fact]
    public void AddHeader_ThousandsOfMaximalSizes_AllocatesForTheDatagramNotTheAnnouncedBytes()
    {
        // A 64 KiB header can announce some 20 000 values of 64 KiB: reserving them up front would let one datagram claim
        // more than a gigabyte. Memory must follow the bytes that actually arrive, as with 2.4.12's append-only buffers.
        var header = Header(tid: 1, Enumerable.Repeat(65535, 2000).ToArray());
        var decoded = Vectors.DecodeOk(header);
        var assembler = new FragmentAssembler();

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(assembler.AddHeader(Peer, decoded, header, T0));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 2 * 1024 * 1024, $"AddHeader allocated {allocated} bytes for a {header.Length}-byte datagram");
    }

    [Fact]
    public void AddPart_ManyValues_CompletesOnlyWhenEveryValueIsFull()
    {
        var header = Header(tid: 8, 3, 2);
        var assembler = new FragmentAssembler();
        Assert.True(assembler.AddHeader(Peer, Vectors.DecodeOk(header), header, T0));

        Assert.False(assembler.AddPart(Peer, Part(8, 1, 0, [7, 8]), T0, out _, out _));
        Assert.True(assembler.AddPart(Peer, Part(8, 0, 0, [1, 2, 3]), T0, out _, out var values));

        Assert.Equal("010203", Hex.Of(values[0]));
        Assert.Equal("0708", Hex.Of(values[1]));
    }

    [Fact]
    public void Expire_AfterTimeout_ForgetsPendingMessages()
    {
        var assembler = WithHeader();

        assembler.Expire(T0.AddSeconds(2));
        Assert.Equal(1, assembler.Count);
        assembler.Expire(T0.AddSeconds(3.5));

        Assert.Equal(0, assembler.Count);
    }

    [Fact]
    public void AddPart_UnknownTid_IsIgnored()
    {
        var assembler = new FragmentAssembler();

        Assert.False(assembler.AddPart(Peer, _part0, T0, out var header, out var values));
        Assert.Empty(header);
        Assert.Empty(values);
    }

    private static byte[] Header(uint tid, params int[] sizes)
    {
        // The writer only reads the lengths, so every placeholder can share one buffer.
        var shared = new byte[sizes.Max()];
        var output = new ArrayBufferWriter<byte>();
        var values = sizes.Select(s => (ReadOnlyMemory<byte>)shared.AsMemory(0, s)).ToList();
        DhtMessageWriter.WritePut(output, tid, 0, InfoHash.Get("putter"), InfoHash.Get("key"), values, inline: false, created: null, new byte[32]);
        return output.WrittenSpan.ToArray();
    }

    private static DhtMessage Part(uint tid, int index, int offset, byte[] chunk)
    {
        var output = new ArrayBufferWriter<byte>();
        DhtMessageWriter.WriteValuePart(output, tid, 0, index, offset, chunk);
        return Vectors.DecodeOk(output.WrittenSpan.ToArray());
    }

    private FragmentAssembler WithHeader()
    {
        var assembler = new FragmentAssembler();
        Assert.True(assembler.AddHeader(Peer, Vectors.DecodeOk(_header), _header, T0));
        return assembler;
    }
}
