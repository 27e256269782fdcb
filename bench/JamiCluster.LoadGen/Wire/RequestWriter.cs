using System.Buffers;
using MessagePack;

namespace JamiCluster.LoadGen.Wire;

/// <summary>
/// Emits requests with 2.4.12's key order (spec §2.7) so the datagrams are indistinguishable
/// from a real node's: top level <c>a, q, t, y, v</c>; no <c>n</c> because the network id is 0.
/// </summary>
public static class RequestWriter
{
    public static void Ping(IBufferWriter<byte> output, ReadOnlySpan<byte> nodeId, uint tid)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(5);
        w.WriteString(WireKeys.A);
        w.WriteMapHeader(1);
        WriteBin(ref w, WireKeys.Id, nodeId);
        WriteTail(ref w, WireKeys.Ping, tid);
        w.Flush();
    }

    /// <summary>Find without <c>w</c>: the responder then answers with nodes of our own family only.</summary>
    public static void Find(IBufferWriter<byte> output, ReadOnlySpan<byte> nodeId, ReadOnlySpan<byte> target, uint tid)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(5);
        w.WriteString(WireKeys.A);
        w.WriteMapHeader(2);
        WriteBin(ref w, WireKeys.Id, nodeId);
        WriteBin(ref w, WireKeys.Target, target);
        WriteTail(ref w, WireKeys.Find, tid);
        w.Flush();
    }

    /// <summary>Get without a query: full values, like the gets issued by 2.4.12 searches.</summary>
    public static void Get(IBufferWriter<byte> output, ReadOnlySpan<byte> nodeId, ReadOnlySpan<byte> key, uint tid)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(5);
        w.WriteString(WireKeys.A);
        w.WriteMapHeader(2);
        WriteBin(ref w, WireKeys.Id, nodeId);
        WriteBin(ref w, WireKeys.H, key);
        WriteTail(ref w, WireKeys.Get, tid);
        w.Flush();
    }

    /// <summary>
    /// Put of one value (2.4.12 always puts exactly one). Small blobs go inline; larger ones are announced
    /// by size and must be followed by <see cref="ValuePart"/> datagrams with the same tid (spec §1.3).
    /// No <c>c</c>: the storer then uses "now" as creation time.
    /// </summary>
    public static void Put(IBufferWriter<byte> output, ReadOnlySpan<byte> nodeId, ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> valueBlob, ReadOnlySpan<byte> token, uint tid)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(5);
        w.WriteString(WireKeys.A);
        w.WriteMapHeader(4);
        WriteBin(ref w, WireKeys.Id, nodeId);
        WriteBin(ref w, WireKeys.H, key);
        w.WriteString(WireKeys.Values);
        w.WriteArrayHeader(1);
        if (IsInline(valueBlob.Length))
        {
            w.WriteRaw(valueBlob);
        }
        else
        {
            w.Write((uint)valueBlob.Length);
        }

        WriteBin(ref w, WireKeys.Token, token);
        WriteTail(ref w, WireKeys.Put, tid);
        w.Flush();
    }

    /// <summary>One fragment: <c>{y: "p", t, p: {index: {o, d}}}</c>; 2.4.12 sends no <c>v</c> in parts.</summary>
    public static void ValuePart(IBufferWriter<byte> output, uint tid, int valueIndex, int offset, ReadOnlySpan<byte> chunk)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(3);
        w.WriteString(WireKeys.Y);
        w.WriteString(WireKeys.P);
        w.WriteString(WireKeys.T);
        w.WriteUInt32(tid);
        w.WriteString(WireKeys.P);
        w.WriteMapHeader(1);
        w.Write((uint)valueIndex);
        w.WriteMapHeader(2);
        w.WriteString(WireKeys.O);
        w.Write((uint)offset);
        w.WriteString(WireKeys.D);
        w.Write(chunk);
        w.Flush();
    }

    public static bool IsInline(int blobLength) => blobLength < ValueBlob.MaxInlineSize;

    private static void WriteBin(ref MessagePackWriter w, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        w.WriteString(key);
        w.Write(value);
    }

    /// <summary>The part after <c>a</c>: q, t (uint32 like msgpack-c emits it), y, v.</summary>
    private static void WriteTail(ref MessagePackWriter w, ReadOnlySpan<byte> query, uint tid)
    {
        w.WriteString(WireKeys.Q);
        w.WriteString(query);
        w.WriteString(WireKeys.T);
        w.WriteUInt32(tid);
        w.WriteString(WireKeys.Y);
        w.WriteString("q"u8);
        w.WriteString(WireKeys.V);
        w.WriteString(WireKeys.UserAgent);
    }
}
