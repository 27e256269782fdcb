using System.Buffers;
using MessagePack;

namespace JamiCluster.LoadGen.Wire;

/// <summary>
/// Decodes replies, errors, value parts and (only to recognise them) queries. Follows the lenient
/// input rules of spec §2.1: ints of any width, blobs as bin or str, unknown keys skipped.
/// </summary>
public static class MessageParser
{
    public static bool TryParse(ReadOnlyMemory<byte> datagram, out Message message)
    {
        message = new Message();
        try
        {
            var reader = new MessagePackReader(datagram);
            if (reader.NextMessagePackType != MessagePackType.Map)
            {
                return false;
            }

            var hasE = false;
            var hasR = false;
            var hasP = false;
            var hasQuery = false;
            var count = reader.ReadMapHeader();
            for (var i = 0; i < count; i++)
            {
                if (!TryReadKey(ref reader, out var key))
                {
                    reader.Skip();
                    reader.Skip();
                    continue;
                }

                if (key.FirstSpan.SequenceEqual(WireKeys.T))
                {
                    ReadTid(ref reader, message);
                }
                else if (key.FirstSpan.SequenceEqual(WireKeys.R))
                {
                    hasR = true;
                    ReadBody(ref reader, message);
                }
                else if (key.FirstSpan.SequenceEqual(WireKeys.E))
                {
                    hasE = true;
                    ReadError(ref reader, message);
                }
                else if (key.FirstSpan.SequenceEqual(WireKeys.P))
                {
                    hasP = true;
                    ReadParts(ref reader, message);
                }
                else if (key.FirstSpan.SequenceEqual(WireKeys.Q))
                {
                    hasQuery = true;
                    message.QueryName = reader.NextMessagePackType == MessagePackType.String ? reader.ReadString() : null;
                    if (message.QueryName is null)
                    {
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            message.Kind = hasE ? MessageKind.Error
                : hasR ? MessageKind.Reply
                : hasP ? MessageKind.ValuePart
                : hasQuery ? MessageKind.Query
                : MessageKind.Unknown;
            return message.Kind != MessageKind.Unknown;
        }
        catch (MessagePackSerializationException)
        {
            return false;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    /// <summary>Decodes one serialised value (inline map or a reassembled blob) into id and data.</summary>
    public static ReceivedValue? TryDecodeValue(ReadOnlyMemory<byte> blob)
    {
        try
        {
            var reader = new MessagePackReader(blob);
            return ReadValue(ref reader);
        }
        catch (MessagePackSerializationException)
        {
            return null;
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads a str map key. Returned as a sequence (not a span) so it may outlive the reader call; the
    /// reader is memory-backed, hence the sequence is always a single segment.
    /// </summary>
    private static bool TryReadKey(ref MessagePackReader reader, out ReadOnlySequence<byte> key)
    {
        if (reader.NextMessagePackType == MessagePackType.String && reader.ReadStringSequence() is { } text)
        {
            key = text;
            return true;
        }

        key = default;
        return false;
    }

    private static void ReadTid(ref MessagePackReader reader, Message message)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Integer:
                message.Tid = (uint)reader.ReadUInt64();
                message.HasTid = true;
                break;
            case MessagePackType.Binary:
            case MessagePackType.String:
                // Legacy 4-byte big-endian form (spec §2.2).
                var raw = ReadBlob(ref reader);
                if (raw is { Length: 4 })
                {
                    message.Tid = (uint)(raw[0] << 24 | raw[1] << 16 | raw[2] << 8 | raw[3]);
                    message.HasTid = true;
                }

                break;
            default:
                reader.Skip();
                break;
        }
    }

    private static void ReadBody(ref MessagePackReader reader, Message message)
    {
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            reader.Skip();
            return;
        }

        var count = reader.ReadMapHeader();
        for (var i = 0; i < count; i++)
        {
            if (!TryReadKey(ref reader, out var key))
            {
                reader.Skip();
                reader.Skip();
                continue;
            }

            if (key.FirstSpan.SequenceEqual(WireKeys.Id))
            {
                message.NodeId = ReadBlob(ref reader);
            }
            else if (key.FirstSpan.SequenceEqual(WireKeys.Token))
            {
                message.Token = ReadBlob(ref reader);
            }
            else if (key.FirstSpan.SequenceEqual(WireKeys.Vid))
            {
                message.Vid = reader.ReadUInt64();
            }
            else if (key.FirstSpan.SequenceEqual(WireKeys.Sa))
            {
                message.SeenAddress = ReadBlob(ref reader);
            }
            else if (key.FirstSpan.SequenceEqual(WireKeys.N4))
            {
                message.N4Count = (ReadBlob(ref reader)?.Length ?? 0) / 26;
            }
            else if (key.FirstSpan.SequenceEqual(WireKeys.N6))
            {
                message.N6Count = (ReadBlob(ref reader)?.Length ?? 0) / 38;
            }
            else if (key.FirstSpan.SequenceEqual(WireKeys.Values))
            {
                message.HasValuesKey = true;
                ReadValues(ref reader, message);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadValues(ref MessagePackReader reader, Message message)
    {
        var count = reader.ReadArrayHeader();
        for (var i = 0; i < count; i++)
        {
            if (reader.NextMessagePackType == MessagePackType.Integer)
            {
                message.AnnouncedSizes.Add((int)Math.Min(reader.ReadUInt64(), int.MaxValue));
            }
            else if (reader.NextMessagePackType == MessagePackType.Map)
            {
                var value = ReadValue(ref reader);
                if (value is not null)
                {
                    message.Values.Add(value);
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static ReceivedValue? ReadValue(ref MessagePackReader reader)
    {
        ulong id = 0;
        byte[]? data = null;
        var count = reader.ReadMapHeader();
        for (var i = 0; i < count; i++)
        {
            if (!TryReadKey(ref reader, out var key))
            {
                reader.Skip();
                reader.Skip();
            }
            else if (key.FirstSpan.SequenceEqual(WireKeys.Id))
            {
                id = reader.ReadUInt64();
            }
            else if (key.FirstSpan.SequenceEqual(WireKeys.Dat) && reader.NextMessagePackType == MessagePackType.Map)
            {
                data = ReadDat(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return id == 0 ? null : new ReceivedValue(id, data ?? []);
    }

    /// <summary>Walks <c>dat.body.data</c>; signatures and other body fields are irrelevant here.</summary>
    private static byte[]? ReadDat(ref MessagePackReader reader)
    {
        byte[]? data = null;
        var count = reader.ReadMapHeader();
        for (var i = 0; i < count; i++)
        {
            if (TryReadKey(ref reader, out var key) && key.FirstSpan.SequenceEqual(WireKeys.Body) &&
                reader.NextMessagePackType == MessagePackType.Map)
            {
                var bodyCount = reader.ReadMapHeader();
                for (var j = 0; j < bodyCount; j++)
                {
                    if (TryReadKey(ref reader, out var bodyKey) && bodyKey.FirstSpan.SequenceEqual(WireKeys.Data))
                    {
                        data = ReadBlob(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return data;
    }

    private static void ReadError(ref MessagePackReader reader, Message message)
    {
        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            reader.Skip();
            return;
        }

        var count = reader.ReadArrayHeader();
        for (var i = 0; i < count; i++)
        {
            if (i == 0 && reader.NextMessagePackType == MessagePackType.Integer)
            {
                message.ErrorCode = (int)reader.ReadInt64();
            }
            else if (i == 1 && reader.NextMessagePackType == MessagePackType.String)
            {
                message.ErrorMessage = reader.ReadString();
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadParts(ref MessagePackReader reader, Message message)
    {
        var count = reader.ReadMapHeader();
        for (var i = 0; i < count; i++)
        {
            var index = (int)reader.ReadUInt32();
            var offset = -1;
            byte[]? data = null;
            var fields = reader.ReadMapHeader();
            for (var j = 0; j < fields; j++)
            {
                if (!TryReadKey(ref reader, out var key))
                {
                    reader.Skip();
                    reader.Skip();
                }
                else if (key.FirstSpan.SequenceEqual(WireKeys.O))
                {
                    offset = (int)reader.ReadUInt32();
                }
                else if (key.FirstSpan.SequenceEqual(WireKeys.D))
                {
                    data = ReadBlob(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (offset >= 0 && data is not null)
            {
                message.Parts.Add(new ValuePartChunk(index, offset, data));
            }
        }
    }

    /// <summary>Blob fields may be bin or str on input (spec §2.1); both are returned as bytes.</summary>
    private static byte[]? ReadBlob(ref MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Binary:
                return reader.ReadBytes()?.ToArray();
            case MessagePackType.String:
                return reader.ReadStringSequence()?.ToArray();
            default:
                reader.Skip();
                return null;
        }
    }
}
