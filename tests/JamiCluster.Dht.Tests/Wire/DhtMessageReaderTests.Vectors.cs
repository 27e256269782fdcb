using System.Net;
using System.Text;
using JamiCluster.Dht.Tests.Support;
using JamiCluster.Dht.Values;
using JamiCluster.Dht.Wire;
using MessagePack;

namespace JamiCluster.Dht.Tests.Wire;

public sealed partial class DhtMessageReaderTests
{
    public static TheoryData<string> AllVectors() => Vectors.All();

    [Fact]
    public void Names_VectorsFolder_HoldsEveryDescribedSample()
    {
        // The theory below enumerates the folder; this guards against a broken copy silently yielding fewer cases.
        Assert.True(Vectors.Names.Count >= 57, $"only {Vectors.Names.Count} vectors were copied to the output");
        Assert.Empty(SampleTable.ByName.Keys.Except(Vectors.Names));
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void TryRead_CapturedVector_MatchesDecodedSample(string vector)
    {
        Assert.True(SampleTable.ByName.TryGetValue(vector, out var expected), $"{vector} has no entry in SampleTable: describe it from opendht-wire-samples.md");
        var message = new DhtMessage();

        var status = DhtMessageReader.TryRead(Vectors.Load(vector), message);

        Assert.Equal(expected.Status, status);
        if (status != DecodeStatus.Ok)
        {
            return;
        }

        Assert.Equal(expected.Kind, message.Kind);
        Assert.Equal(expected.Verb, message.Verb);
        Assert.Equal(expected.Tid, message.Tid);
        Assert.Equal(expected.NetworkId, message.NetworkId);
        Assert.Equal(expected.IsClient, message.IsClient);
        Assert.Equal(expected.UserAgent, message.UserAgent.IsEmpty ? null : Encoding.UTF8.GetString(message.UserAgent.Span));
        Assert.Equal(expected.Sender ?? InfoHash.Zero.ToString(), message.Id.ToString());
        Assert.Equal(expected.Key, message.Hash?.ToString());
        Assert.Equal(expected.Target, message.Target?.ToString());
        Assert.Equal(expected.Want, message.Want);
        Assert.Equal(expected.TokenLength, message.Token.Length);
        Assert.Equal(expected.Created, message.Created);
        Assert.Equal(expected.Vid, message.Vid);
        Assert.Equal(expected.Sid, message.Sid);
        Assert.Equal(expected.Version, message.Version);
        Assert.Equal(expected.Sa, message.Sa.IsEmpty ? null : new IPAddress(message.Sa.Span).ToString());
        AssertNodes(expected.N4, message.N4, v6: false);
        AssertNodes(expected.N6, message.N6, v6: true);
        Assert.Equal(expected.ErrorCode, message.ErrorCode);
        Assert.Equal(expected.ErrorText, message.ErrorMessage.IsEmpty ? null : Encoding.UTF8.GetString(message.ErrorMessage.Span));
        Assert.Equal(expected.Refreshed, message.Refreshed);
        Assert.Equal(expected.Expired, message.Expired);
        AssertValues(expected, message);
        AssertParts(expected.Parts, message.Parts);
        AssertFields(expected, message);
        AssertQuery(expected, message.Query);
    }

    [Fact]
    public void TryRead_PeerDiscoveryAnnouncement_IsNotADhtMessageButItsPayloadCarriesTheNode()
    {
        var datagram = Vectors.Load(51);

        Assert.Equal(DecodeStatus.Unclassified, DhtMessageReader.TryRead(datagram, new DhtMessage()));

        // {"dht": [bin[20] id, uint16 port, uint network id]} (samples document, "Peer-discovery payloads").
        var reader = new MessagePackReader(datagram);
        Assert.Equal(1, reader.ReadMapHeader());
        Assert.Equal("dht", reader.ReadString());
        Assert.Equal(3, reader.ReadArrayHeader());
        Assert.Equal(SampleTable.PD1, InfoHash.FromBytes(reader.ReadBytes()!.Value.FirstSpan).ToString());
        Assert.Equal(14230, reader.ReadUInt16());
        Assert.Equal(0u, reader.ReadUInt32());
        Assert.True(reader.End);
    }

    [Fact]
    public void TryRead_PeerDiscoveryQuery_IsAStrNotAMap()
    {
        var datagram = Vectors.Load(50);

        Assert.Equal("a171", Hex.Of(datagram));
        Assert.Equal(DecodeStatus.NotAMap, DhtMessageReader.TryRead(datagram, new DhtMessage()));
    }

    private static void AssertNodes(NodeExpectation[] expected, ReadOnlyMemory<byte> blob, bool v6)
    {
        var nodes = new List<NodeAddress>();
        Assert.True(CompactNodes.TryRead(blob.Span, v6, nodes));
        Assert.Equal(expected.Length, nodes.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Id, nodes[i].Id.ToString());
            Assert.Equal(IPAddress.Parse(expected[i].Address), nodes[i].Address);
            Assert.Equal(expected[i].Port, nodes[i].Port);
            Assert.Equal(v6, nodes[i].IsIPv6);
        }
    }

    private static void AssertValues(VectorExpectation expected, DhtMessage message)
    {
        Assert.Equal(expected.Values.Length > 0 || expected.PendingSizes.Length > 0, message.HasValues);
        Assert.Equal(expected.PendingSizes.Length > 0, message.HasPendingValues);
        Assert.Equal(expected.Values.Length + expected.PendingSizes.Length, message.Values.Count);
        var inline = message.Values.Where(v => !v.IsPending).ToArray();
        Assert.Equal(expected.PendingSizes, message.Values.Where(v => v.IsPending).Select(v => v.PendingSize));
        Assert.Equal(expected.Values.Length, inline.Length);
        for (var i = 0; i < message.Values.Count; i++)
        {
            // Parts address values by their position in the array.
            Assert.Equal(i, message.Values[i].Index);
        }

        for (var i = 0; i < inline.Length; i++)
        {
            var want = expected.Values[i];
            Assert.True(DhtValue.TryParse(inline[i].Raw, out var value));
            Assert.Equal(want.Id, value.Id);
            Assert.Equal(want.Type, value.Type);
            Assert.Equal(want.Data, Encoding.UTF8.GetString(value.Data.Span));
            Assert.Equal(want.UserType, value.UserType.IsEmpty ? null : Encoding.UTF8.GetString(value.UserType.Span));

            // None of the inline values in the captures is signed.
            Assert.Equal(0UL, value.Seq);
            Assert.Equal(0, value.Owner.Length);
            Assert.Equal(0, value.Signature.Length);
            Assert.False(value.IsEncrypted);
        }
    }

    private static void AssertParts(PartExpectation[] expected, List<ValuePart> parts)
    {
        Assert.Equal(expected.Length, parts.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Index, parts[i].Index);
            Assert.Equal(expected[i].Offset, parts[i].Offset);
            Assert.Equal(expected[i].Length, parts[i].Data.Length);
            Assert.StartsWith(expected[i].Prefix, Hex.Of(parts[i].Data), StringComparison.Ordinal);
        }
    }

    private static void AssertFields(VectorExpectation expected, DhtMessage message)
    {
        Assert.Equal(expected.FieldIds.Length > 0, message.HasFields);
        Assert.Equal(expected.FieldIds, message.FieldIds);
        Assert.Equal(expected.FieldValues.Length, message.FieldValues.Count);
        Assert.Equal(expected.FieldValues, message.FieldValues.Select(v => new MessagePackReader(v).ReadUInt64()));
    }

    private static void AssertQuery(VectorExpectation expected, ValueQuery? query)
    {
        if (expected.Select is null)
        {
            Assert.Null(query);
            return;
        }

        Assert.NotNull(query);
        Assert.Equal(expected.Select, query.Select);
        Assert.Equal(expected.Where.Length, query.Where.Length);
        for (var i = 0; i < expected.Where.Length; i++)
        {
            Assert.Equal(expected.Where[i].Field, query.Where[i].Field);
            Assert.Equal(expected.Where[i].Number, query.Where[i].Number);
            Assert.Null(query.Where[i].Bytes);
        }
    }
}
