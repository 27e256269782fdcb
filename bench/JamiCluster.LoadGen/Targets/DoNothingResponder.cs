using System.Buffers;
using System.Net;
using System.Net.Sockets;
using JamiCluster.LoadGen.Wire;
using MessagePack;

namespace JamiCluster.LoadGen.Targets;

/// <summary>
/// Upper-bound baseline: an in-process UDP server that decodes just enough of each request to answer it
/// (pong for ping; id + sa + a constant token for find/get; vid for an inline put) and stores nothing.
/// Whatever rate the load generator reaches against it is the ceiling of this machine + this client.
/// </summary>
public sealed class DoNothingResponder : IDisposable
{
    private static readonly byte[] ConstantToken = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private readonly Socket _socket;
    private readonly Thread _thread;
    private readonly byte[] _nodeId = InfoHash.Random();
    private readonly int _addressOffset;
    private volatile bool _closed;
    private long _answered;

    public DoNothingResponder(int port)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveBufferSize = 4 << 20,
            ReceiveTimeout = 250,
        };
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _addressOffset = FindAddressOffset();
        _thread = new Thread(Serve) { IsBackground = true, Name = "do-nothing-responder" };
        _thread.Start();
    }

    public IPEndPoint EndPoint { get; }

    public long Answered => Interlocked.Read(ref _answered);

    public void Dispose()
    {
        _closed = true;
        _socket.Dispose();
        _thread.Join(TimeSpan.FromSeconds(2));
    }

    /// <summary>Where the IPv4 bytes sit inside a serialised SocketAddress, learnt once instead of assumed.</summary>
    private static int FindAddressOffset()
    {
        var probe = new IPEndPoint(new IPAddress([203, 0, 113, 7]), 4321).Serialize();
        for (var i = 0; i + 4 <= probe.Size; i++)
        {
            if (probe[i] == 203 && probe[i + 1] == 0 && probe[i + 2] == 113 && probe[i + 3] == 7)
            {
                return i;
            }
        }

        throw new PlatformNotSupportedException("unexpected SocketAddress layout");
    }

    private void Serve()
    {
        var buffer = new byte[65536];
        var from = new SocketAddress(AddressFamily.InterNetwork);
        var output = new ArrayBufferWriter<byte>(256);
        while (!_closed)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (SocketException) when (!_closed)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                break;
            }

            output.ResetWrittenCount();
            if (!TryAnswer(buffer.AsMemory(0, length), from.Buffer.Span.Slice(_addressOffset, 4), output))
            {
                continue;
            }

            try
            {
                _socket.SendTo(output.WrittenSpan, SocketFlags.None, from);
                Interlocked.Increment(ref _answered);
            }
            catch (SocketException)
            {
                // requester went away
            }
        }
    }

    private bool TryAnswer(ReadOnlyMemory<byte> request, ReadOnlySpan<byte> sourceIp, ArrayBufferWriter<byte> output)
    {
        uint tid = 0;
        string? query = null;
        ulong? vid = null;
        try
        {
            var reader = new MessagePackReader(request);
            var count = reader.ReadMapHeader();
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                switch (key)
                {
                    case "t" when reader.NextMessagePackType == MessagePackType.Integer:
                        tid = reader.ReadUInt32();
                        break;
                    case "q":
                        query = reader.ReadString();
                        break;
                    case "a" when reader.NextMessagePackType == MessagePackType.Map:
                        vid = ReadPutValueId(ref reader);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (MessagePackSerializationException)
        {
            return false;
        }

        if (query is null)
        {
            return false; // replies, value parts, garbage: a do-nothing node ignores them
        }

        var withToken = query is "find" or "get";
        var withVid = query == "put" && vid is not null;
        var w = new MessagePackWriter(output);
        w.WriteMapHeader(4);
        w.WriteString(WireKeys.R);
        w.WriteMapHeader(2 + (withToken ? 1 : 0) + (withVid ? 1 : 0));
        w.WriteString(WireKeys.Id);
        w.Write(_nodeId);
        if (withVid)
        {
            w.WriteString(WireKeys.Vid);
            w.WriteUInt64(vid!.Value);
        }

        w.WriteString(WireKeys.Sa);
        w.Write(sourceIp);
        if (withToken)
        {
            w.WriteString(WireKeys.Token);
            w.Write(ConstantToken);
        }

        w.WriteString(WireKeys.T);
        w.WriteUInt32(tid);
        w.WriteString(WireKeys.Y);
        w.WriteString(WireKeys.R);
        w.WriteString(WireKeys.V);
        w.WriteString(WireKeys.UserAgent);
        w.Flush();
        return true;
    }

    /// <summary>The id of the first inline value of a put, so its reply can echo <c>vid</c>.</summary>
    private static ulong? ReadPutValueId(ref MessagePackReader reader)
    {
        ulong? vid = null;
        var count = reader.ReadMapHeader();
        for (var i = 0; i < count; i++)
        {
            if (reader.ReadString() == "values" && reader.NextMessagePackType == MessagePackType.Array)
            {
                var values = reader.ReadArrayHeader();
                for (var v = 0; v < values; v++)
                {
                    if (vid is null && reader.NextMessagePackType == MessagePackType.Map)
                    {
                        var fields = reader.ReadMapHeader();
                        for (var f = 0; f < fields; f++)
                        {
                            if (reader.ReadString() == "id")
                            {
                                vid = reader.ReadUInt64();
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
            }
            else
            {
                reader.Skip();
            }
        }

        return vid;
    }
}
