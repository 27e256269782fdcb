using System.Buffers;
using MessagePack;

namespace JamiCluster.LoadGen.Wire;

/// <summary>
/// Serialises one unsigned value the way 2.4.12 does (spec §6.1):
/// <c>{id: uint64, dat: {body: {type: 0, data: bin}}}</c>. Type 0 ("User Data") has a 10-minute
/// lifetime and only a size policy, so every storer accepts it without signatures.
/// </summary>
public static class ValueBlob
{
    /// <summary>2.4.12 inlines values only below this total serialised size (MAX_PACKET_VALUE_SIZE).</summary>
    public const int MaxInlineSize = 600;

    /// <summary>Chunk size of value parts (2.4.12 <c>MTU</c>).</summary>
    public const int PartSize = 1280;

    public static byte[] Build(ulong valueId, ReadOnlySpan<byte> data)
    {
        var buffer = new ArrayBufferWriter<byte>(data.Length + 48);
        var writer = new MessagePackWriter(buffer);
        writer.WriteMapHeader(2);
        writer.WriteString(WireKeys.Id);
        writer.WriteUInt64(valueId);
        writer.WriteString(WireKeys.Dat);
        writer.WriteMapHeader(1);
        writer.WriteString(WireKeys.Body);
        writer.WriteMapHeader(2);
        writer.WriteString(WireKeys.Type);
        writer.Write(0);
        writer.WriteString(WireKeys.Data);
        writer.Write(data);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
