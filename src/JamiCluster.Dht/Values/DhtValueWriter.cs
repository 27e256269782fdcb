using System.Buffers;
using MessagePack;

namespace JamiCluster.Dht.Values;

/// <summary>
/// Packs a value the way OpenDHT 2.4.12 does (`Value::msgpack_pack`, wire spec §6.1): minimal integer, bin and str
/// widths, keys in its order. A client's signature covers the packed body, so a value rebuilt from its JSON fields
/// must come out byte-identical to what the client signed.
/// </summary>
public static class DhtValueWriter
{
    /// <summary>The packed value.</summary>
    public static byte[] Write(in ValueFields value)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + value.Data.Length + value.Owner.Length + value.Signature.Length + value.Cypher.Length);
        var w = new MessagePackWriter(buffer);
        w.WriteMapHeader(value.Priority != 0 ? 3 : 2);
        w.WriteString("id"u8);
        w.Write(value.Id);
        w.WriteString("dat"u8);
        if (!value.Cypher.IsEmpty)
        {
            w.Write(value.Cypher.Span);
        }
        else
        {
            var signed = !value.Owner.IsEmpty;
            w.WriteMapHeader(signed ? 2 : 1);
            w.WriteString("body"u8);
            WriteBody(ref w, value);
            if (signed)
            {
                w.WriteString("sig"u8);
                w.Write(value.Signature.Span);
            }
        }

        if (value.Priority != 0)
        {
            w.WriteString("p"u8);
            w.Write(value.Priority);
        }

        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The packed body alone: what a signed value's signature covers.</summary>
    public static byte[] WriteBody(in ValueFields value)
    {
        var buffer = new ArrayBufferWriter<byte>(32 + value.Data.Length + value.Owner.Length);
        var w = new MessagePackWriter(buffer);
        WriteBody(ref w, value);
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteBody(ref MessagePackWriter w, in ValueFields value)
    {
        var signed = !value.Owner.IsEmpty;
        var hasUserType = !value.UserType.IsEmpty;
        w.WriteMapHeader((hasUserType ? 1 : 0) + (signed ? (value.Recipient is null ? 4 : 5) : 2));
        if (signed)
        {
            w.WriteString("seq"u8);
            w.Write(value.Seq);
            w.WriteString("owner"u8);
            w.Write(value.Owner.Span);
            if (value.Recipient is { } to)
            {
                w.WriteString("to"u8);
                w.Write(to.ToArray());
            }
        }

        w.WriteString("type"u8);
        w.Write(value.Type);
        w.WriteString("data"u8);
        w.Write(value.Data.Span);
        if (hasUserType)
        {
            w.WriteString("utype"u8);
            w.WriteString(value.UserType.Span);
        }
    }
}
