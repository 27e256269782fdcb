using System.Buffers;
using JamiCluster.Dht.Values;
using JamiCluster.Dht.Wire;
using MessagePack;

namespace JamiCluster.Dht.Tests.Support;

/// <summary>Maps a decoded message back onto the <see cref="DhtMessageWriter"/> method that emits its shape.</summary>
internal static class Reencoder
{
    /// <summary>
    /// False for shapes our writer deliberately does not emit: legacy version-0 listens and notifications (§3.8), the client flag
    /// <c>s</c> (a full node must not send it), and values arrays mixing inline maps and sizes.
    /// </summary>
    public static bool CanReencode(DhtMessage m) => m.Kind switch
    {
        MessageKind.Query when m.IsClient => false,
        MessageKind.Query when m.Verb == QueryVerb.Listen => m.Version == 1,
        MessageKind.Query or MessageKind.Reply => !HasMixedValues(m),
        MessageKind.Error => true,
        MessageKind.ValuePart => m.Parts.Count == 1,
        _ => false,
    };

    public static byte[] Reencode(DhtMessage m)
    {
        var output = new ArrayBufferWriter<byte>();
        switch (m.Kind)
        {
            case MessageKind.Query:
                WriteQuery(output, m);
                break;
            case MessageKind.Reply:
                WriteReply(output, m);
                break;
            case MessageKind.Error:
                DhtMessageWriter.WriteError(output, m.Tid, m.NetworkId, m.Id, (DhtErrorCode)m.ErrorCode, m.ErrorMessage.Span);
                break;
            case MessageKind.ValuePart:
                var part = m.Parts[0];
                DhtMessageWriter.WriteValuePart(output, m.Tid, m.NetworkId, part.Index, part.Offset, part.Data.Span);
                break;
            default:
                throw new InvalidOperationException($"No writer for {m.Kind}.");
        }

        return output.WrittenSpan.ToArray();
    }

    private static void WriteQuery(ArrayBufferWriter<byte> output, DhtMessage m)
    {
        switch (m.Verb)
        {
            case QueryVerb.Ping:
                DhtMessageWriter.WritePing(output, m.Tid, m.NetworkId, m.Id);
                break;
            case QueryVerb.Find:
                DhtMessageWriter.WriteFind(output, m.Tid, m.NetworkId, m.Id, m.Target!.Value, m.Want);
                break;
            case QueryVerb.Get:
                DhtMessageWriter.WriteGet(output, m.Tid, m.NetworkId, m.Id, m.Hash!.Value, m.Query);
                break;
            case QueryVerb.Put:
                DhtMessageWriter.WritePut(output, m.Tid, m.NetworkId, m.Id, m.Hash!.Value, ValueBlobs(m), !m.HasPendingValues, m.Created, m.Token.Span);
                break;
            case QueryVerb.Refresh:
                DhtMessageWriter.WriteRefresh(output, m.Tid, m.NetworkId, m.Id, m.Hash!.Value, m.Vid!.Value, m.Token.Span);
                break;
            case QueryVerb.Listen:
                DhtMessageWriter.WriteListen(output, m.Tid, m.NetworkId, m.Id, m.Hash!.Value, m.Token.Span, m.Sid!.Value, m.Query);
                break;
            case QueryVerb.Update when m.HasValues:
                DhtMessageWriter.WriteUpdateValues(output, m.Tid, m.NetworkId, m.Id, m.Hash!.Value, m.Sid!.Value, ValueBlobs(m), !m.HasPendingValues, m.Token.Span);
                break;
            case QueryVerb.Update:
                var expired = m.Expired.Count > 0;
                DhtMessageWriter.WriteUpdateIds(output, m.Tid, m.NetworkId, m.Id, m.Sid!.Value, m.Token.Span, expired, expired ? m.Expired : m.Refreshed);
                break;
            default:
                throw new InvalidOperationException($"No writer for {m.Verb}.");
        }
    }

    private static void WriteReply(ArrayBufferWriter<byte> output, DhtMessage m)
    {
        if (m.Vid.HasValue)
        {
            DhtMessageWriter.WriteValueAck(output, m.Tid, m.NetworkId, m.Id, m.Vid.Value, m.Sa.Span);
        }
        else if (!m.Token.IsEmpty || !m.N4.IsEmpty || !m.N6.IsEmpty || m.HasValues || m.HasFields)
        {
            DhtMessageWriter.WriteNodesReply(
                output, m.Tid, m.NetworkId, m.Id, m.Sa.Span, m.N4.Span, m.N6.Span, m.Token.Span,
                m.HasValues ? ValueBlobs(m) : null, !m.HasPendingValues, m.HasFields ? Selection(m) : null);
        }
        else
        {
            DhtMessageWriter.WritePong(output, m.Tid, m.NetworkId, m.Id, m.Sa.Span);
        }
    }

    /// <summary>Inline values as their raw bytes; announced values as placeholders of the announced size.</summary>
    private static List<ReadOnlyMemory<byte>> ValueBlobs(DhtMessage m) =>
        m.Values.Select(v => v.IsPending ? new byte[v.PendingSize] : v.Raw).ToList();

    /// <summary>
    /// Rebuilds a <see cref="FieldSelection"/> from a decoded <c>fileds</c>: one unsigned value per row carrying the selected
    /// id, type, seq and user type, which is all the writer reads from it.
    /// </summary>
    private static FieldSelection Selection(DhtMessage m)
    {
        var fields = m.FieldIds.ToArray();
        var values = new List<DhtValue>();
        for (var row = 0; row < m.FieldValues.Count / fields.Length; row++)
        {
            ulong id = 1, type = 0;
            ulong? seq = null;
            string? userType = null;
            for (var f = 0; f < fields.Length; f++)
            {
                var reader = new MessagePackReader(m.FieldValues[(row * fields.Length) + f]);
                switch (fields[f])
                {
                    case ValueField.Id:
                        id = reader.ReadUInt64();
                        break;
                    case ValueField.ValueType:
                        type = reader.ReadUInt64();
                        break;
                    case ValueField.SeqNum:
                        seq = reader.ReadUInt64();
                        break;
                    case ValueField.UserType:
                        userType = reader.ReadString();
                        break;
                    default:
                        throw new InvalidOperationException($"The round trip does not rebuild field {fields[f]}.");
                }
            }

            values.Add(ValueBytes.Parse(ValueBytes.Unsigned(id, type, [], userType, seq)));
        }

        return new FieldSelection(fields, values);
    }

    private static bool HasMixedValues(DhtMessage m) => m.Values.Any(v => v.IsPending) && m.Values.Any(v => !v.IsPending);
}
