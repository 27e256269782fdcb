using System.Buffers;
using System.Buffers.Binary;
using JamiCluster.Dht.Values;
using MessagePack;

namespace JamiCluster.Dht.Wire;

/// <summary>
/// Decodes one datagram into a <see cref="DhtMessage"/> following opendht-wire.md §2: unknown keys are ignored,
/// blobs may be bin, str or uint8 arrays, integers of any width are accepted, hash fields must be bin[20].
/// Bad input comes back as a <see cref="DecodeStatus"/>; nothing escapes as an exception.
/// </summary>
public static class DhtMessageReader
{
    /// <summary>Deepest nesting we follow when skipping unknown values (hostile input guard).</summary>
    private const int MaxSkipDepth = 16;

    /// <summary>Decodes <paramref name="datagram"/> into <paramref name="message"/> (which is reset first).</summary>
    public static DecodeStatus TryRead(ReadOnlyMemory<byte> datagram, DhtMessage message)
    {
        message.Reset();
        if (datagram.Length > DhtLimits.MaxDatagram)
        {
            return DecodeStatus.Oversize;
        }

        if (datagram.IsEmpty || !IsMapHeader(datagram.Span[0]))
        {
            return datagram.IsEmpty ? DecodeStatus.Malformed : DecodeStatus.NotAMap;
        }

        try
        {
            return ReadTop(datagram, message);
        }
        catch (MessagePackSerializationException)
        {
            return DecodeStatus.Malformed;
        }
        catch (EndOfStreamException)
        {
            return DecodeStatus.Malformed;
        }
        catch (OverflowException)
        {
            return DecodeStatus.Malformed;
        }
        catch (InvalidOperationException)
        {
            return DecodeStatus.Malformed;
        }
        catch (ArgumentOutOfRangeException)
        {
            // MessagePackReader throws this for a str, bin or skip whose declared length runs past the end.
            return DecodeStatus.Malformed;
        }
    }

    private static bool IsMapHeader(byte code) => (code & 0xF0) == 0x80 || code == 0xDE || code == 0xDF;

    private static DecodeStatus ReadTop(ReadOnlyMemory<byte> input, DhtMessage m)
    {
        var reader = new MessagePackReader(input);
        var count = reader.ReadMapHeader();
        int bodyA = -1, bodyR = -1, bodyU = -1;
        bool hasE = false, hasP = false, hasY = false, yIsQuery = false;
        var verbPresent = false;

        for (var i = 0; i < count; i++)
        {
            if (reader.NextMessagePackType != MessagePackType.String)
            {
                Skip(ref reader);
                Skip(ref reader);
                continue;
            }

            var key = ReadKey(ref reader);
            if (key.SequenceEqual(DhtKeys.A))
            {
                bodyA = (int)reader.Consumed;
                Skip(ref reader);
            }
            else if (key.SequenceEqual(DhtKeys.R))
            {
                bodyR = (int)reader.Consumed;
                Skip(ref reader);
            }
            else if (key.SequenceEqual(DhtKeys.U))
            {
                bodyU = (int)reader.Consumed;
                Skip(ref reader);
            }
            else if (key.SequenceEqual(DhtKeys.E))
            {
                hasE = true;
                ReadError(ref reader, input, m);
            }
            else if (key.SequenceEqual(DhtKeys.P))
            {
                hasP = true;
                if (!ReadParts(ref reader, input, m))
                {
                    return DecodeStatus.BadField;
                }
            }
            else if (key.SequenceEqual(DhtKeys.Q))
            {
                verbPresent = true;
                m.Verb = reader.NextMessagePackType == MessagePackType.String ? ParseVerb(ReadKey(ref reader)) : SkipAndReturn(ref reader, QueryVerb.None);
            }
            else if (key.SequenceEqual(DhtKeys.Y))
            {
                hasY = true;
                yIsQuery = reader.NextMessagePackType == MessagePackType.String
                    ? ReadKey(ref reader).SequenceEqual(DhtKeys.Q)
                    : SkipAndReturn(ref reader, false);
            }
            else if (key.SequenceEqual(DhtKeys.T))
            {
                if (!ReadTid(ref reader, input, out var tid))
                {
                    return DecodeStatus.BadField;
                }

                m.Tid = tid;
            }
            else if (key.SequenceEqual(DhtKeys.V))
            {
                m.UserAgent = ReadBlob(ref reader, input);
            }
            else if (key.SequenceEqual(DhtKeys.N))
            {
                m.NetworkId = checked((uint)reader.ReadUInt64());
            }
            else if (key.SequenceEqual(DhtKeys.S))
            {
                m.IsClient = reader.NextMessagePackType == MessagePackType.Boolean ? reader.ReadBoolean() : SkipAndReturn(ref reader, false);
            }
            else
            {
                Skip(ref reader);
            }
        }

        // Classification, first match wins (§2.3).
        if (hasE)
        {
            m.Kind = MessageKind.Error;
        }
        else if (bodyR >= 0)
        {
            m.Kind = MessageKind.Reply;
        }
        else if (hasP)
        {
            m.Kind = MessageKind.ValuePart;
            return DecodeStatus.Ok;
        }
        else if (bodyU >= 0)
        {
            m.Kind = MessageKind.LegacyUpdate;
        }
        else
        {
            if ((hasY && !yIsQuery) || !verbPresent || m.Verb == QueryVerb.None)
            {
                return DecodeStatus.Unclassified;
            }

            m.Kind = MessageKind.Query;
        }

        if (m.Kind != MessageKind.Query)
        {
            m.Verb = QueryVerb.None;
        }

        // The body is read from the first present of a, r, u.
        var body = bodyA >= 0 ? bodyA : bodyR >= 0 ? bodyR : bodyU;
        if (body < 0)
        {
            return hasE ? DecodeStatus.Ok : DecodeStatus.Unclassified;
        }

        return ReadBody(input, body, m);
    }

    private static DecodeStatus ReadBody(ReadOnlyMemory<byte> input, int offset, DhtMessage m)
    {
        var reader = new MessagePackReader(input[offset..]);
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            return DecodeStatus.BadField;
        }

        var count = reader.ReadMapHeader();
        for (var i = 0; i < count; i++)
        {
            if (reader.NextMessagePackType != MessagePackType.String)
            {
                Skip(ref reader);
                Skip(ref reader);
                continue;
            }

            var key = ReadKey(ref reader);
            var status = ReadBodyField(key, ref reader, input, offset, m);
            if (status != DecodeStatus.Ok)
            {
                return status;
            }
        }

        return DecodeStatus.Ok;
    }

    private static DecodeStatus ReadBodyField(scoped ReadOnlySpan<byte> key, ref MessagePackReader reader, ReadOnlyMemory<byte> input, int offset, DhtMessage m)
    {
        if (key.SequenceEqual(DhtKeys.Id))
        {
            if (!ReadHash(ref reader, out var id))
            {
                return DecodeStatus.BadHash;
            }

            m.Id = id;
        }
        else if (key.SequenceEqual(DhtKeys.H))
        {
            if (!ReadHash(ref reader, out var h))
            {
                return DecodeStatus.BadHash;
            }

            m.Hash = h;
        }
        else if (key.SequenceEqual(DhtKeys.Target))
        {
            if (!ReadHash(ref reader, out var target))
            {
                return DecodeStatus.BadHash;
            }

            m.Target = target;
        }
        else if (key.SequenceEqual(DhtKeys.Want))
        {
            m.Want = ReadWant(ref reader);
        }
        else if (key.SequenceEqual(DhtKeys.Token))
        {
            m.Token = ReadBlob(ref reader, input, offset);
        }
        else if (key.SequenceEqual(DhtKeys.Values))
        {
            m.HasValues = true;
            ReadValues(ref reader, input, offset, m);
        }
        else if (key.SequenceEqual(DhtKeys.Fields))
        {
            m.HasFields = true;
            ReadFields(ref reader, input, offset, m);
        }
        else if (key.SequenceEqual(DhtKeys.Created))
        {
            m.Created = reader.NextMessagePackType == MessagePackType.Integer ? reader.ReadInt64() : SkipAndReturn<long?>(ref reader, null);
        }
        else if (key.SequenceEqual(DhtKeys.Vid))
        {
            m.Vid = reader.ReadUInt64();
        }
        else if (key.SequenceEqual(DhtKeys.Sid))
        {
            if (!ReadTid(ref reader, input, out var sid, offset))
            {
                return DecodeStatus.BadField;
            }

            m.Sid = sid;
        }
        else if (key.SequenceEqual(DhtKeys.Version))
        {
            m.Version = reader.ReadInt32();
        }
        else if (key.SequenceEqual(DhtKeys.N4))
        {
            m.N4 = ReadBlob(ref reader, input, offset);
        }
        else if (key.SequenceEqual(DhtKeys.N6))
        {
            m.N6 = ReadBlob(ref reader, input, offset);
        }
        else if (key.SequenceEqual(DhtKeys.Sa))
        {
            // sa must be bin, otherwise 2.4.12 rejects the message.
            if (reader.NextMessagePackType != MessagePackType.Binary)
            {
                return DecodeStatus.BadField;
            }

            m.Sa = ReadBlob(ref reader, input, offset);
        }
        else if (key.SequenceEqual(DhtKeys.Refreshed))
        {
            ReadIds(ref reader, m.Refreshed);
        }
        else if (key.SequenceEqual(DhtKeys.Expired))
        {
            ReadIds(ref reader, m.Expired);
        }
        else if (key.SequenceEqual(DhtKeys.Q))
        {
            var query = ReadQuery(ref reader);
            if (query is null)
            {
                return DecodeStatus.BadField;
            }

            m.Query = query;
        }
        else
        {
            Skip(ref reader);
        }

        return DecodeStatus.Ok;
    }

    private static ReadOnlySpan<byte> ReadKey(ref MessagePackReader reader)
    {
        if (reader.TryReadStringSpan(out var span))
        {
            return span;
        }

        // Only reached for multi-segment input, which we never create.
        return reader.ReadStringSequence()?.ToArray() ?? [];
    }

    private static QueryVerb ParseVerb(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual(DhtKeys.Ping))
        {
            return QueryVerb.Ping;
        }

        if (name.SequenceEqual(DhtKeys.Find))
        {
            return QueryVerb.Find;
        }

        if (name.SequenceEqual(DhtKeys.Get))
        {
            return QueryVerb.Get;
        }

        if (name.SequenceEqual(DhtKeys.Put))
        {
            return QueryVerb.Put;
        }

        if (name.SequenceEqual(DhtKeys.Listen))
        {
            return QueryVerb.Listen;
        }

        if (name.SequenceEqual(DhtKeys.Refresh))
        {
            return QueryVerb.Refresh;
        }

        return name.SequenceEqual(DhtKeys.Update) ? QueryVerb.Update : QueryVerb.None;
    }

    private static bool ReadHash(ref MessagePackReader reader, out InfoHash hash)
    {
        if (reader.NextMessagePackType != MessagePackType.Binary)
        {
            Skip(ref reader);
            hash = default;
            return false;
        }

        var bytes = reader.ReadBytes();
        if (bytes is not { Length: InfoHash.Size } seq)
        {
            hash = default;
            return false;
        }

        hash = InfoHash.FromBytes(seq.FirstSpan);
        return true;
    }

    /// <summary>Reads a blob given as bin, str or an array of uint8 (the legacy form, which is copied).</summary>
    private static ReadOnlyMemory<byte> ReadBlob(ref MessagePackReader reader, ReadOnlyMemory<byte> input, int offset = 0)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Binary:
                {
                    var before = (int)reader.Consumed;
                    var bytes = reader.ReadBytes();
                    var len = bytes.HasValue ? (int)bytes.Value.Length : 0;
                    var end = offset + (int)reader.Consumed;
                    return input.Slice(end - len, len);
                }

            case MessagePackType.String:
                {
                    var bytes = reader.ReadStringSequence();
                    var len = bytes.HasValue ? (int)bytes.Value.Length : 0;
                    var end = offset + (int)reader.Consumed;
                    return input.Slice(end - len, len);
                }

            case MessagePackType.Array:
                {
                    var n = reader.ReadArrayHeader();
                    var copy = new byte[n];
                    for (var i = 0; i < n; i++)
                    {
                        copy[i] = reader.ReadByte();
                    }

                    return copy;
                }

            default:
                Skip(ref reader);
                return default;
        }
    }

    private static bool ReadTid(ref MessagePackReader reader, ReadOnlyMemory<byte> input, out uint tid, int offset = 0)
    {
        if (reader.NextMessagePackType == MessagePackType.Integer)
        {
            var value = reader.ReadUInt64();
            tid = (uint)value;
            return value <= uint.MaxValue;
        }

        // Legacy form: a 4-byte blob read as big-endian.
        var blob = ReadBlob(ref reader, input, offset);
        if (blob.Length != 4)
        {
            tid = 0;
            return false;
        }

        tid = BinaryPrimitives.ReadUInt32BigEndian(blob.Span);
        return true;
    }

    private static WantFamilies ReadWant(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            Skip(ref reader);
            return WantFamilies.Unspecified;
        }

        var want = WantFamilies.Present;
        var n = reader.ReadArrayHeader();
        for (var i = 0; i < n; i++)
        {
            if (reader.NextMessagePackType != MessagePackType.Integer)
            {
                Skip(ref reader);
                continue;
            }

            // AF_INET6 differs by platform: Linux 10, Windows 23, FreeBSD 28, macOS 30.
            want |= reader.ReadInt64() switch
            {
                2 => WantFamilies.IPv4,
                10 or 23 or 28 or 30 => WantFamilies.IPv6,
                _ => WantFamilies.Unspecified,
            };
        }

        return want;
    }

    private static void ReadValues(ref MessagePackReader reader, ReadOnlyMemory<byte> input, int offset, DhtMessage m)
    {
        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            Skip(ref reader);
            return;
        }

        var n = reader.ReadArrayHeader();
        for (var i = 0; i < n; i++)
        {
            switch (reader.NextMessagePackType)
            {
                case MessagePackType.Integer:
                    var size = reader.ReadInt64();
                    // Sizes above 64 KiB + 32 are ignored by 2.4.12; we drop that value the same way.
                    if (size is > 0 and <= DhtLimits.MaxFragmentedBlob)
                    {
                        m.Values.Add(ValueSlot.Pending((int)size, i));
                    }

                    break;
                case MessagePackType.Map:
                    var start = offset + (int)reader.Consumed;
                    Skip(ref reader);
                    m.Values.Add(ValueSlot.Inline(input[start..(offset + (int)reader.Consumed)], i));
                    break;
                default:
                    Skip(ref reader);
                    break;
            }
        }
    }

    private static void ReadFields(ref MessagePackReader reader, ReadOnlyMemory<byte> input, int offset, DhtMessage m)
    {
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            Skip(ref reader);
            return;
        }

        var n = reader.ReadMapHeader();
        for (var i = 0; i < n; i++)
        {
            var key = reader.NextMessagePackType == MessagePackType.String ? ReadKey(ref reader) : SkipAndReturn(ref reader, ReadOnlySpan<byte>.Empty);
            if (key.SequenceEqual(DhtKeys.F) && reader.NextMessagePackType == MessagePackType.Array)
            {
                var count = reader.ReadArrayHeader();
                for (var j = 0; j < count; j++)
                {
                    m.FieldIds.Add((ValueField)reader.ReadByte());
                }
            }
            else if (key.SequenceEqual(DhtKeys.V) && reader.NextMessagePackType == MessagePackType.Array)
            {
                var count = reader.ReadArrayHeader();
                for (var j = 0; j < count; j++)
                {
                    var start = offset + (int)reader.Consumed;
                    Skip(ref reader);
                    m.FieldValues.Add(input[start..(offset + (int)reader.Consumed)]);
                }
            }
            else
            {
                Skip(ref reader);
            }
        }
    }

    private static void ReadIds(ref MessagePackReader reader, List<ulong> ids)
    {
        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            Skip(ref reader);
            return;
        }

        var n = reader.ReadArrayHeader();
        for (var i = 0; i < n; i++)
        {
            ids.Add(reader.ReadUInt64());
        }
    }

    /// <summary>Reads <c>{s: [...], w: [...]}</c>; both keys are required (a missing one drops the message in 2.4.12).</summary>
    private static ValueQuery? ReadQuery(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            Skip(ref reader);
            return null;
        }

        ValueField[]? select = null;
        FieldFilter[]? where = null;
        var n = reader.ReadMapHeader();
        for (var i = 0; i < n; i++)
        {
            var key = reader.NextMessagePackType == MessagePackType.String ? ReadKey(ref reader) : SkipAndReturn(ref reader, ReadOnlySpan<byte>.Empty);
            if (key.SequenceEqual(DhtKeys.S))
            {
                var count = reader.ReadArrayHeader();
                select = new ValueField[count];
                for (var j = 0; j < count; j++)
                {
                    select[j] = (ValueField)reader.ReadByte();
                }
            }
            else if (key.SequenceEqual(DhtKeys.Want))
            {
                var count = reader.ReadArrayHeader();
                where = new FieldFilter[count];
                for (var j = 0; j < count; j++)
                {
                    where[j] = ReadFilter(ref reader);
                }
            }
            else
            {
                Skip(ref reader);
            }
        }

        return select is null || where is null ? null : new ValueQuery(select, where);
    }

    private static FieldFilter ReadFilter(ref MessagePackReader reader)
    {
        var n = reader.ReadMapHeader();
        var field = ValueField.None;
        ulong number = 0;
        byte[]? bytes = null;
        for (var i = 0; i < n; i++)
        {
            var key = reader.NextMessagePackType == MessagePackType.String ? ReadKey(ref reader) : SkipAndReturn(ref reader, ReadOnlySpan<byte>.Empty);
            if (key.SequenceEqual(DhtKeys.F))
            {
                field = (ValueField)reader.ReadByte();
            }
            else if (key.SequenceEqual(DhtKeys.V))
            {
                switch (reader.NextMessagePackType)
                {
                    case MessagePackType.Integer:
                        number = reader.ReadUInt64();
                        break;
                    case MessagePackType.Binary:
                        bytes = reader.ReadBytes()?.ToArray();
                        break;
                    case MessagePackType.String:
                        bytes = reader.ReadStringSequence()?.ToArray();
                        break;
                    default:
                        Skip(ref reader);
                        break;
                }
            }
            else
            {
                Skip(ref reader);
            }
        }

        return new FieldFilter(field, number, bytes);
    }

    private static void ReadError(ref MessagePackReader reader, ReadOnlyMemory<byte> input, DhtMessage m)
    {
        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            Skip(ref reader);
            return;
        }

        var n = reader.ReadArrayHeader();
        for (var i = 0; i < n; i++)
        {
            if (i == 0 && reader.NextMessagePackType == MessagePackType.Integer)
            {
                m.ErrorCode = reader.ReadInt32();
            }
            else if (i == 1 && reader.NextMessagePackType == MessagePackType.String)
            {
                m.ErrorMessage = ReadBlob(ref reader, input);
            }
            else
            {
                Skip(ref reader);
            }
        }
    }

    private static bool ReadParts(ref MessagePackReader reader, ReadOnlyMemory<byte> input, DhtMessage m)
    {
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            Skip(ref reader);
            return false;
        }

        var n = reader.ReadMapHeader();
        for (var i = 0; i < n; i++)
        {
            var index = reader.ReadUInt32();
            if (reader.NextMessagePackType != MessagePackType.Map)
            {
                return false;
            }

            var fields = reader.ReadMapHeader();
            long offset = -1;
            ReadOnlyMemory<byte> data = default;
            for (var j = 0; j < fields; j++)
            {
                var key = reader.NextMessagePackType == MessagePackType.String ? ReadKey(ref reader) : SkipAndReturn(ref reader, ReadOnlySpan<byte>.Empty);
                if (key.SequenceEqual(DhtKeys.Offset))
                {
                    offset = reader.ReadInt64();
                }
                else if (key.SequenceEqual(DhtKeys.Data))
                {
                    data = ReadBlob(ref reader, input);
                }
                else
                {
                    Skip(ref reader);
                }
            }

            if (offset is < 0 or > DhtLimits.MaxFragmentedBlob || index > int.MaxValue)
            {
                return false;
            }

            m.Parts.Add(new ValuePart((int)index, (int)offset, data));
        }

        return true;
    }

    private static T SkipAndReturn<T>(ref MessagePackReader reader, T value)
        where T : allows ref struct
    {
        Skip(ref reader);
        return value;
    }

    /// <summary>Skips one object with a depth cap, so deeply nested hostile input cannot blow the stack.</summary>
    private static void Skip(ref MessagePackReader reader, int depth = 0)
    {
        if (depth > MaxSkipDepth)
        {
            throw new MessagePackSerializationException("Nesting too deep.");
        }

        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Array:
                {
                    var n = reader.ReadArrayHeader();
                    for (var i = 0; i < n; i++)
                    {
                        Skip(ref reader, depth + 1);
                    }

                    break;
                }

            case MessagePackType.Map:
                {
                    var n = reader.ReadMapHeader();
                    for (var i = 0; i < n; i++)
                    {
                        Skip(ref reader, depth + 1);
                        Skip(ref reader, depth + 1);
                    }

                    break;
                }

            default:
                reader.Skip();
                break;
        }
    }
}
