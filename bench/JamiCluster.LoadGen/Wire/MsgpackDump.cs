using System.Buffers;
using System.Text;
using MessagePack;

namespace JamiCluster.LoadGen.Wire;

/// <summary>Human-readable rendering of a datagram, in the style of opendht-wire-samples.md.</summary>
public static class MsgpackDump
{
    public static string Render(ReadOnlyMemory<byte> datagram)
    {
        var sb = new StringBuilder();
        try
        {
            var reader = new MessagePackReader(datagram);
            Write(ref reader, sb, 0);
        }
        catch (MessagePackSerializationException e)
        {
            sb.Append(" <undecodable: ").Append(e.Message).Append('>');
        }

        return sb.ToString();
    }

    private static void Write(ref MessagePackReader reader, StringBuilder sb, int depth)
    {
        var indent = new string(' ', (depth + 1) * 2);
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
                var entries = reader.ReadMapHeader();
                sb.Append('{').AppendLine();
                for (var i = 0; i < entries; i++)
                {
                    sb.Append(indent);
                    Write(ref reader, sb, depth + 1);
                    sb.Append(": ");
                    Write(ref reader, sb, depth + 1);
                    sb.AppendLine();
                }

                sb.Append(new string(' ', depth * 2)).Append('}');
                break;
            case MessagePackType.Array:
                var items = reader.ReadArrayHeader();
                sb.Append('[');
                for (var i = 0; i < items; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    Write(ref reader, sb, depth + 1);
                }

                sb.Append(']');
                break;
            case MessagePackType.Binary:
                var bytes = reader.ReadBytes()?.ToArray() ?? [];
                sb.Append("bin[").Append(bytes.Length).Append("] ")
                    .Append(Convert.ToHexStringLower(bytes.AsSpan(0, Math.Min(bytes.Length, 24))))
                    .Append(bytes.Length > 24 ? "…" : string.Empty);
                break;
            case MessagePackType.String:
                sb.Append('\'').Append(reader.ReadString()).Append('\'');
                break;
            case MessagePackType.Integer:
                // Negative fixint (0xe0..0xff) and int8..int64 (0xd0..0xd3) are signed; the rest unsigned.
                var code = reader.NextCode;
                if (code >= 0xe0 || code is >= 0xd0 and <= 0xd3)
                {
                    sb.Append(reader.ReadInt64());
                }
                else
                {
                    sb.Append(reader.ReadUInt64());
                }

                break;
            case MessagePackType.Boolean:
                sb.Append(reader.ReadBoolean() ? "true" : "false");
                break;
            case MessagePackType.Nil:
                reader.ReadNil();
                sb.Append("nil");
                break;
            default:
                reader.Skip();
                sb.Append('?');
                break;
        }
    }
}
