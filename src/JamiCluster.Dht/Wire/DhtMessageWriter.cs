using System.Buffers;
using JamiCluster.Dht.Values;
using MessagePack;

namespace JamiCluster.Dht.Wire;

/// <summary>
/// Encodes messages with the key order 2.4.12 emits (opendht-wire.md §2.7), minimal integer widths and bin blobs.
/// Each method writes one whole datagram into the output buffer.
/// </summary>
public static class DhtMessageWriter
{
    /// <summary>AF_INET as Linux numbers it; we always send Linux numbers.</summary>
    private const int AfInet = 2;

    /// <summary>AF_INET6 on Linux (not .NET's 23).</summary>
    private const int AfInet6 = 10;

    /// <summary><c>{r: {id, sa}}</c>: the reply to ping, listen and update.</summary>
    public static void WritePong(IBufferWriter<byte> output, uint tid, uint networkId, InfoHash self, ReadOnlySpan<byte> sa)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(networkId != 0 ? 5 : 4);
        WriteKey(ref w, DhtKeys.R);
        w.WriteMapHeader(2);
        WriteHash(ref w, DhtKeys.Id, self);
        WriteBin(ref w, DhtKeys.Sa, sa);
        WriteTrailer(ref w, tid, DhtKeys.R, networkId);
        w.Flush();
    }

    /// <summary>
    /// A find or get reply <c>{id, sa, [n4], [n6], token, [values | fileds]}</c>. <paramref name="values"/> are raw value
    /// maps written inline when <paramref name="inline"/> is true, or as their sizes (parts follow) otherwise.
    /// </summary>
    public static void WriteNodesReply(
        IBufferWriter<byte> output,
        uint tid,
        uint networkId,
        InfoHash self,
        ReadOnlySpan<byte> sa,
        ReadOnlySpan<byte> n4,
        ReadOnlySpan<byte> n6,
        ReadOnlySpan<byte> token,
        IReadOnlyList<ReadOnlyMemory<byte>>? values = null,
        bool inline = true,
        FieldSelection? fields = null)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(networkId != 0 ? 5 : 4);
        WriteKey(ref w, DhtKeys.R);
        var count = 3 + (n4.IsEmpty ? 0 : 1) + (n6.IsEmpty ? 0 : 1) + (values is { Count: > 0 } || fields is not null ? 1 : 0);
        w.WriteMapHeader(count);
        WriteHash(ref w, DhtKeys.Id, self);
        WriteBin(ref w, DhtKeys.Sa, sa);
        if (!n4.IsEmpty)
        {
            WriteBin(ref w, DhtKeys.N4, n4);
        }

        if (!n6.IsEmpty)
        {
            WriteBin(ref w, DhtKeys.N6, n6);
        }

        WriteBin(ref w, DhtKeys.Token, token);
        if (fields is not null)
        {
            WriteKey(ref w, DhtKeys.Fields);
            fields.Write(ref w);
        }
        else if (values is { Count: > 0 })
        {
            WriteKey(ref w, DhtKeys.Values);
            WriteValuesArray(ref w, values, inline);
        }

        WriteTrailer(ref w, tid, DhtKeys.R, networkId);
        w.Flush();
    }

    /// <summary><c>{r: {id, vid, sa}}</c>: the reply to put and refresh.</summary>
    public static void WriteValueAck(IBufferWriter<byte> output, uint tid, uint networkId, InfoHash self, ulong vid, ReadOnlySpan<byte> sa)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(networkId != 0 ? 5 : 4);
        WriteKey(ref w, DhtKeys.R);
        w.WriteMapHeader(3);
        WriteHash(ref w, DhtKeys.Id, self);
        WriteKey(ref w, DhtKeys.Vid);
        w.Write(vid);
        WriteBin(ref w, DhtKeys.Sa, sa);
        WriteTrailer(ref w, tid, DhtKeys.R, networkId);
        w.Flush();
    }

    /// <summary><c>{e: [code, text], r: {id}}</c>.</summary>
    public static void WriteError(IBufferWriter<byte> output, uint tid, uint networkId, InfoHash self, DhtErrorCode code, ReadOnlySpan<byte> text)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(networkId != 0 ? 6 : 5);
        WriteKey(ref w, DhtKeys.E);
        w.WriteArrayHeader(2);
        w.Write((ushort)code);
        w.WriteString(text);
        WriteKey(ref w, DhtKeys.R);
        w.WriteMapHeader(1);
        WriteHash(ref w, DhtKeys.Id, self);
        WriteTrailer(ref w, tid, DhtKeys.E, networkId);
        w.Flush();
    }

    /// <summary>One value part: <c>{[n], y: "p", t, p: {index: {o, d}}}</c> (2.4.12 sends no <c>v</c> in parts).</summary>
    public static void WriteValuePart(IBufferWriter<byte> output, uint tid, uint networkId, int index, int offset, ReadOnlySpan<byte> chunk)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(networkId != 0 ? 4 : 3);
        if (networkId != 0)
        {
            WriteKey(ref w, DhtKeys.N);
            w.Write(networkId);
        }

        WriteKey(ref w, DhtKeys.Y);
        w.WriteString(DhtKeys.P);
        WriteKey(ref w, DhtKeys.T);
        w.Write(tid);
        WriteKey(ref w, DhtKeys.P);
        w.WriteMapHeader(1);
        w.Write(index);
        w.WriteMapHeader(2);
        WriteKey(ref w, DhtKeys.Offset);
        w.Write(offset);
        WriteBin(ref w, DhtKeys.Data, chunk);
        w.Flush();
    }

    /// <summary><c>ping</c> request.</summary>
    public static void WritePing(IBufferWriter<byte> output, uint tid, uint networkId, InfoHash self)
    {
        var w = new MessagePackWriter(output);
        WriteQueryStart(ref w, networkId, 1);
        WriteHash(ref w, DhtKeys.Id, self);
        WriteQueryEnd(ref w, DhtKeys.Ping, tid, networkId);
        w.Flush();
    }

    /// <summary><c>find</c> request; <paramref name="want"/> of Unspecified sends no <c>w</c>.</summary>
    public static void WriteFind(IBufferWriter<byte> output, uint tid, uint networkId, InfoHash self, InfoHash target, WantFamilies want)
    {
        var w = new MessagePackWriter(output);
        var hasWant = (want & (WantFamilies.IPv4 | WantFamilies.IPv6)) != 0;
        WriteQueryStart(ref w, networkId, hasWant ? 3 : 2);
        WriteHash(ref w, DhtKeys.Id, self);
        WriteHash(ref w, DhtKeys.Target, target);
        if (hasWant)
        {
            WriteWant(ref w, want);
        }

        WriteQueryEnd(ref w, DhtKeys.Find, tid, networkId);
        w.Flush();
    }

    /// <summary><c>get</c> request with an optional query.</summary>
    public static void WriteGet(IBufferWriter<byte> output, uint tid, uint networkId, InfoHash self, InfoHash key, ValueQuery? query = null)
    {
        var w = new MessagePackWriter(output);
        WriteQueryStart(ref w, networkId, query is null ? 2 : 3);
        WriteHash(ref w, DhtKeys.Id, self);
        WriteHash(ref w, DhtKeys.H, key);
        if (query is not null)
        {
            WriteKey(ref w, DhtKeys.Q);
            WriteQuery(ref w, query);
        }

        WriteQueryEnd(ref w, DhtKeys.Get, tid, networkId);
        w.Flush();
    }

    /// <summary><c>put</c> request; values inline or as sizes (then send parts with the same tid).</summary>
    public static void WritePut(
        IBufferWriter<byte> output, uint tid, uint networkId, InfoHash self, InfoHash key, IReadOnlyList<ReadOnlyMemory<byte>> values, bool inline, long? created, ReadOnlySpan<byte> token)
    {
        var w = new MessagePackWriter(output);
        WriteQueryStart(ref w, networkId, created.HasValue ? 5 : 4);
        WriteHash(ref w, DhtKeys.Id, self);
        WriteHash(ref w, DhtKeys.H, key);
        WriteKey(ref w, DhtKeys.Values);
        WriteValuesArray(ref w, values, inline);
        if (created.HasValue)
        {
            WriteKey(ref w, DhtKeys.Created);
            w.Write(created.Value);
        }

        WriteBin(ref w, DhtKeys.Token, token);
        WriteQueryEnd(ref w, DhtKeys.Put, tid, networkId);
        w.Flush();
    }

    /// <summary><c>refresh</c> request.</summary>
    public static void WriteRefresh(IBufferWriter<byte> output, uint tid, uint networkId, InfoHash self, InfoHash key, ulong vid, ReadOnlySpan<byte> token)
    {
        var w = new MessagePackWriter(output);
        WriteQueryStart(ref w, networkId, 4);
        WriteHash(ref w, DhtKeys.Id, self);
        WriteHash(ref w, DhtKeys.H, key);
        WriteKey(ref w, DhtKeys.Vid);
        w.Write(vid);
        WriteBin(ref w, DhtKeys.Token, token);
        WriteQueryEnd(ref w, DhtKeys.Refresh, tid, networkId);
        w.Flush();
    }

    /// <summary><c>listen</c> request (<c>ve</c> 1).</summary>
    public static void WriteListen(IBufferWriter<byte> output, uint tid, uint networkId, InfoHash self, InfoHash key, ReadOnlySpan<byte> token, uint sid, ValueQuery? query = null)
    {
        var w = new MessagePackWriter(output);
        WriteQueryStart(ref w, networkId, query is null ? 5 : 6);
        WriteHash(ref w, DhtKeys.Id, self);
        WriteKey(ref w, DhtKeys.Version);
        w.Write(1);
        WriteHash(ref w, DhtKeys.H, key);
        WriteBin(ref w, DhtKeys.Token, token);
        WriteKey(ref w, DhtKeys.Sid);
        w.Write(sid);
        if (query is not null)
        {
            WriteKey(ref w, DhtKeys.Q);
            WriteQuery(ref w, query);
        }

        WriteQueryEnd(ref w, DhtKeys.Listen, tid, networkId);
        w.Flush();
    }

    /// <summary><c>update</c> carrying values: <c>{id, ve: 1, h, sid, values, token}</c>.</summary>
    public static void WriteUpdateValues(
        IBufferWriter<byte> output, uint tid, uint networkId, InfoHash self, InfoHash key, uint sid, IReadOnlyList<ReadOnlyMemory<byte>> values, bool inline, ReadOnlySpan<byte> token)
    {
        var w = new MessagePackWriter(output);
        WriteQueryStart(ref w, networkId, 6);
        WriteHash(ref w, DhtKeys.Id, self);
        WriteKey(ref w, DhtKeys.Version);
        w.Write(1);
        WriteHash(ref w, DhtKeys.H, key);
        WriteKey(ref w, DhtKeys.Sid);
        w.Write(sid);
        WriteKey(ref w, DhtKeys.Values);
        WriteValuesArray(ref w, values, inline);
        WriteBin(ref w, DhtKeys.Token, token);
        WriteQueryEnd(ref w, DhtKeys.Update, tid, networkId);
        w.Flush();
    }

    /// <summary>
    /// <c>update</c> announcing refreshed (<paramref name="expired"/> false) or expired ids:
    /// top-level order a, y, v, [n], q, t; inner id, sid, token, re|exp.
    /// </summary>
    public static void WriteUpdateIds(
        IBufferWriter<byte> output, uint tid, uint networkId, InfoHash self, uint sid, ReadOnlySpan<byte> token, bool expired, IReadOnlyList<ulong> ids)
    {
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(networkId != 0 ? 6 : 5);
        WriteKey(ref w, DhtKeys.A);
        w.WriteMapHeader(4);
        WriteHash(ref w, DhtKeys.Id, self);
        WriteKey(ref w, DhtKeys.Sid);
        w.Write(sid);
        WriteBin(ref w, DhtKeys.Token, token);
        WriteKey(ref w, expired ? DhtKeys.Expired : DhtKeys.Refreshed);
        w.WriteArrayHeader(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            w.Write(ids[i]);
        }

        WriteKey(ref w, DhtKeys.Y);
        w.WriteString(DhtKeys.Q);
        WriteKey(ref w, DhtKeys.V);
        w.WriteString(DhtKeys.UserAgent);
        if (networkId != 0)
        {
            WriteKey(ref w, DhtKeys.N);
            w.Write(networkId);
        }

        WriteKey(ref w, DhtKeys.Q);
        w.WriteString(DhtKeys.Update);
        WriteKey(ref w, DhtKeys.T);
        w.Write(tid);
        w.Flush();
    }

    /// <summary>True when these values go inline (fewer than 50 and under 600 bytes in all), as 2.4.12 decides.</summary>
    public static bool ShouldInline(IReadOnlyList<ReadOnlyMemory<byte>> values)
    {
        if (values.Count >= DhtLimits.MaxInlineValues)
        {
            return false;
        }

        var total = 0;
        for (var i = 0; i < values.Count; i++)
        {
            total += values[i].Length;
        }

        return total < DhtLimits.MaxInlineBytes;
    }

    internal static void WriteQuery(ref MessagePackWriter w, ValueQuery query)
    {
        w.WriteMapHeader(2);
        WriteKey(ref w, DhtKeys.S);
        w.WriteArrayHeader(query.Select.Length);
        foreach (var field in query.Select)
        {
            w.Write((byte)field);
        }

        WriteKey(ref w, DhtKeys.Want);
        w.WriteArrayHeader(query.Where.Length);
        foreach (var filter in query.Where)
        {
            w.WriteMapHeader(2);
            WriteKey(ref w, DhtKeys.F);
            w.Write((byte)filter.Field);
            WriteKey(ref w, DhtKeys.V);
            if (filter.Bytes is not null)
            {
                w.Write(filter.Bytes);
            }
            else
            {
                w.Write(filter.Number);
            }
        }
    }

    private static void WriteValuesArray(ref MessagePackWriter w, IReadOnlyList<ReadOnlyMemory<byte>> values, bool inline)
    {
        w.WriteArrayHeader(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            if (inline)
            {
                w.WriteRaw(values[i].Span);
            }
            else
            {
                w.Write(values[i].Length);
            }
        }
    }

    private static void WriteWant(ref MessagePackWriter w, WantFamilies want)
    {
        WriteKey(ref w, DhtKeys.Want);
        var both = (want & WantFamilies.IPv4) != 0 && (want & WantFamilies.IPv6) != 0;
        w.WriteArrayHeader(both ? 2 : 1);
        if ((want & WantFamilies.IPv4) != 0)
        {
            w.Write(AfInet);
        }

        if ((want & WantFamilies.IPv6) != 0)
        {
            w.Write(AfInet6);
        }
    }

    private static void WriteQueryStart(ref MessagePackWriter w, uint networkId, int argCount)
    {
        w.WriteMapHeader(networkId != 0 ? 6 : 5);
        WriteKey(ref w, DhtKeys.A);
        w.WriteMapHeader(argCount);
    }

    private static void WriteQueryEnd(ref MessagePackWriter w, ReadOnlySpan<byte> verb, uint tid, uint networkId)
    {
        WriteKey(ref w, DhtKeys.Q);
        w.WriteString(verb);
        WriteTrailer(ref w, tid, DhtKeys.Q, networkId);
    }

    /// <summary>The common tail: <c>t, y, v, [n]</c>.</summary>
    private static void WriteTrailer(ref MessagePackWriter w, uint tid, ReadOnlySpan<byte> kind, uint networkId)
    {
        WriteKey(ref w, DhtKeys.T);
        w.Write(tid);
        WriteKey(ref w, DhtKeys.Y);
        w.WriteString(kind);
        WriteKey(ref w, DhtKeys.V);
        w.WriteString(DhtKeys.UserAgent);
        if (networkId != 0)
        {
            WriteKey(ref w, DhtKeys.N);
            w.Write(networkId);
        }
    }

    internal static void WriteKey(ref MessagePackWriter w, ReadOnlySpan<byte> key) => w.WriteString(key);

    private static void WriteBin(ref MessagePackWriter w, ReadOnlySpan<byte> key, ReadOnlySpan<byte> blob)
    {
        w.WriteString(key);
        w.Write(blob);
    }

    private static void WriteHash(ref MessagePackWriter w, ReadOnlySpan<byte> key, InfoHash hash)
    {
        w.WriteString(key);
        w.WriteBinHeader(InfoHash.Size);
        hash.WriteTo(w.GetSpan(InfoHash.Size));
        w.Advance(InfoHash.Size);
    }
}
