using JamiCluster.Dht.Fragments;
using JamiCluster.Dht.Wire;

namespace JamiCluster.Dht.Tests.Support;

/// <summary>The captured 2.4.12 datagrams copied next to the test assembly (one lowercase hex line per file).</summary>
internal static class Vectors
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Vectors");

    /// <summary>File names without extension, sorted; read from disk so that a new file becomes a new test case.</summary>
    public static IReadOnlyList<string> Names { get; } = Directory.GetFiles(Folder, "*.hex")
        .Select(f => Path.GetFileNameWithoutExtension(f))
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static byte[] Load(string name) => Convert.FromHexString(File.ReadAllText(Path.Combine(Folder, name + ".hex")).Trim());

    /// <summary>The vector whose name starts with the two-digit <paramref name="number"/>.</summary>
    public static string Named(int number) => Names.Single(n => n.StartsWith($"{number:D2}-", StringComparison.Ordinal));

    public static byte[] Load(int number) => Load(Named(number));

    /// <summary>Decodes vector <paramref name="number"/> and insists it is well formed.</summary>
    public static DhtMessage Decode(int number) => DecodeOk(Load(number));

    public static DhtMessage DecodeOk(byte[] datagram)
    {
        var message = new DhtMessage();
        Assert.Equal(DecodeStatus.Ok, DhtMessageReader.TryRead(datagram, message));
        return message;
    }

    /// <summary>
    /// Runs header <paramref name="header"/> and its <paramref name="parts"/> through a <see cref="FragmentAssembler"/>, as the
    /// edge does, and returns the single value they carry.
    /// </summary>
    public static byte[] Reassemble(int header, params int[] parts)
    {
        var assembler = new FragmentAssembler();
        var peer = PeerKey.From([127, 0, 0, 1], 14224);
        var now = DateTimeOffset.UnixEpoch;
        var headerBytes = Load(header);
        Assert.True(assembler.AddHeader(peer, DecodeOk(headerBytes), headerBytes, now));
        byte[] assembledHeader = [];
        Dictionary<int, byte[]> values = [];
        var complete = false;
        foreach (var part in parts)
        {
            Assert.False(complete, "the value completed before its last part");
            complete = assembler.AddPart(peer, Decode(part), now, out assembledHeader, out values);
        }

        Assert.True(complete);
        Assert.Equal(headerBytes, assembledHeader);
        var only = Assert.Single(values);
        Assert.Equal(0, only.Key);
        return only.Value;
    }

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
        {
            data.Add(name);
        }

        return data;
    }
}
