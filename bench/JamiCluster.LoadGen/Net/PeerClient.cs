using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using JamiCluster.LoadGen.Stats;
using JamiCluster.LoadGen.Wire;

namespace JamiCluster.LoadGen.Net;

/// <summary>
/// One simulated DHT peer: its own UDP socket (so its own source ip:port, hence its own write token
/// and rate-limit bucket on the target) and its own 20-byte node id. Requests are matched to
/// replies by tid; nothing is retransmitted, a request without a reply within the timeout counts
/// as a timeout. Requests the target sends us (2.4.12 pings/finds new nodes) are counted and ignored:
/// answering would make our peers "good" routing-table entries and change the target's behaviour.
/// </summary>
public sealed class PeerClient : IDisposable
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private readonly Socket _socket;
    private readonly ConcurrentDictionary<uint, PendingRequest> _pending = new();
    private readonly Thread _receiver;
    private readonly Timer _sweeper;
    private readonly long _timeoutTicks;
    private readonly MeasurementWindow _window;
    private readonly SocketAddress _targetAddress;
    private int _nextTid;
    private volatile byte[]? _token;
    private volatile bool _closed;
    private long _unsolicited;
    private long _malformed;
    private long _late;
    private long _withoutId;
    private long _sendErrors;
    private long _foreignSource;

    public PeerClient(int index, IPAddress bindAddress, IPEndPoint target, TimeSpan timeout, MeasurementWindow window)
    {
        Index = index;
        NodeId = InfoHash.Random();
        Target = target;
        _window = window;
        _timeoutTicks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        _nextTid = Random.Shared.Next(1, int.MaxValue);
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveBufferSize = 4 << 20,
            SendBufferSize = 1 << 20,
            // Lets the receive thread notice Dispose even if the kernel does not wake a blocked recv.
            ReceiveTimeout = 250,
        };
        _socket.Bind(new IPEndPoint(bindAddress, 0));
        // Deliberately not connected: 2.4.12 accepts replies sent from another source port, so a target
        // that does that must still be measured (and flagged), not silently filtered by the kernel.
        _targetAddress = target.Serialize();
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = $"peer-{index}-rx" };
        _receiver.Start();
        _sweeper = new Timer(_ => SweepTimeouts(), null, 20, 20);
    }

    public int Index { get; }

    public byte[] NodeId { get; }

    public IPEndPoint Target { get; }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Optional pacing for rate-limited targets; shared by all workers of this peer.</summary>
    public Pacer? Pacer { get; set; }

    /// <summary>Latest write token from a find/get reply of the target to this socket.</summary>
    public byte[]? Token => _token;

    public PeerStats Stats { get; } = new();

    /// <summary>Sees every received datagram before parsing; used by the probe command to print them.</summary>
    public Action<ReadOnlyMemory<byte>>? RawTap { get; set; }

    public long UnsolicitedQueries => Interlocked.Read(ref _unsolicited);

    public long MalformedDatagrams => Interlocked.Read(ref _malformed);

    public long LateReplies => Interlocked.Read(ref _late);

    public long RepliesWithoutId => Interlocked.Read(ref _withoutId);

    public long SendErrors => Interlocked.Read(ref _sendErrors);

    /// <summary>Datagrams that came from an address other than the one we send to.</summary>
    public long ForeignSourceDatagrams => Interlocked.Read(ref _foreignSource);

    public Task<Message?> PingAsync()
    {
        var (tid, pending) = Register(RequestKind.Ping);
        var buffer = Buffer();
        RequestWriter.Ping(buffer, NodeId, tid);
        Send(pending, buffer.WrittenSpan);
        return pending.Completion.Task;
    }

    public Task<Message?> FindAsync(ReadOnlySpan<byte> target)
    {
        var (tid, pending) = Register(RequestKind.Find);
        var buffer = Buffer();
        RequestWriter.Find(buffer, NodeId, target, tid);
        Send(pending, buffer.WrittenSpan);
        return pending.Completion.Task;
    }

    public Task<Message?> GetAsync(ReadOnlySpan<byte> key)
    {
        var (tid, pending) = Register(RequestKind.Get);
        var buffer = Buffer();
        RequestWriter.Get(buffer, NodeId, key, tid);
        Send(pending, buffer.WrittenSpan);
        return pending.Completion.Task;
    }

    /// <summary>Put one value; blobs of 600 B or more are sent as header + 1280-byte parts, in order.</summary>
    public Task<Message?> PutAsync(ReadOnlySpan<byte> key, ReadOnlySpan<byte> valueBlob, ReadOnlySpan<byte> token)
    {
        var (tid, pending) = Register(RequestKind.Put);
        var buffer = Buffer();
        RequestWriter.Put(buffer, NodeId, key, valueBlob, token, tid);
        Send(pending, buffer.WrittenSpan);
        if (!RequestWriter.IsInline(valueBlob.Length))
        {
            for (var offset = 0; offset < valueBlob.Length; offset += ValueBlob.PartSize)
            {
                var chunk = valueBlob.Slice(offset, Math.Min(ValueBlob.PartSize, valueBlob.Length - offset));
                buffer = Buffer();
                RequestWriter.ValuePart(buffer, tid, 0, offset, chunk);
                SendRaw(buffer.WrittenSpan);
            }
        }

        return pending.Completion.Task;
    }

    public void Dispose()
    {
        _closed = true;
        _sweeper.Dispose();
        _socket.Dispose();
        _receiver.Join(TimeSpan.FromSeconds(2));
        foreach (var pending in _pending.Values)
        {
            pending.Completion.TrySetResult(null);
        }
    }

    private static ArrayBufferWriter<byte> Buffer()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(2048);
        buffer.ResetWrittenCount();
        return buffer;
    }

    private (uint Tid, PendingRequest Pending) Register(RequestKind kind)
    {
        var pending = new PendingRequest(kind, Stopwatch.GetTimestamp());
        while (true)
        {
            var tid = unchecked((uint)Interlocked.Increment(ref _nextTid));
            if (tid != 0 && _pending.TryAdd(tid, pending))
            {
                return (tid, pending);
            }
        }
    }

    private void Send(PendingRequest pending, ReadOnlySpan<byte> datagram)
    {
        // Stamp right before the syscall so the build time is not billed to the target.
        pending.SentTimestamp = Stopwatch.GetTimestamp();
        SendRaw(datagram);
    }

    private void SendRaw(ReadOnlySpan<byte> datagram)
    {
        try
        {
            _socket.SendTo(datagram, SocketFlags.None, _targetAddress);
        }
        catch (SocketException)
        {
            // e.g. a full send buffer: the request simply times out, as it would for a real peer.
            Interlocked.Increment(ref _sendErrors);
        }
        catch (ObjectDisposedException)
        {
            // Closing while a worker still sends: nothing to report.
        }
    }

    private void ReceiveLoop()
    {
        var buffer = new byte[65536];
        var from = new SocketAddress(AddressFamily.InterNetwork);
        while (!_closed)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (SocketException) when (!_closed)
            {
                // Receive timeout, used to poll _closed: keep listening.
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                break;
            }

            var now = Stopwatch.GetTimestamp();
            if (!from.Equals(_targetAddress))
            {
                Interlocked.Increment(ref _foreignSource);
            }

            Handle(buffer.AsMemory(0, length), now);
        }
    }

    private void Handle(ReadOnlyMemory<byte> datagram, long now)
    {
        RawTap?.Invoke(datagram);
        if (!MessageParser.TryParse(datagram, out var message))
        {
            Interlocked.Increment(ref _malformed);
            return;
        }

        if (message.Kind == MessageKind.Query)
        {
            Interlocked.Increment(ref _unsolicited);
            return;
        }

        if (!message.HasTid || !_pending.TryGetValue(message.Tid, out var pending))
        {
            Interlocked.Increment(ref _late);
            return;
        }

        if (message.Kind == MessageKind.ValuePart)
        {
            HandlePart(pending, message, now);
            return;
        }

        if (message.Kind == MessageKind.Reply && message.NodeId is not { Length: InfoHash.Length })
        {
            Interlocked.Increment(ref _withoutId);
        }

        if (message.Token is { Length: > 0 } && pending.Kind is RequestKind.Find or RequestKind.Get)
        {
            _token = message.Token;
        }

        if (message.Kind == MessageKind.Reply && message.AnnouncedSizes.Count > 0 && pending.FragmentedHeader is null)
        {
            pending.FragmentedHeader = message;
            pending.PartBuffers = message.AnnouncedSizes.Select(s => new byte[Math.Min(s, 65536 + 32)]).ToArray();
            pending.PartFilled = new int[message.AnnouncedSizes.Count];
            return;
        }

        Complete(message.Tid, pending, message, now);
    }

    /// <summary>Reassembly of a fragmented get reply; parts are accepted only in order, as 2.4.12 does.</summary>
    private void HandlePart(PendingRequest pending, Message part, long now)
    {
        if (pending.FragmentedHeader is not { } header || pending.PartBuffers is not { } buffers || pending.PartFilled is not { } filled)
        {
            Interlocked.Increment(ref _late);
            return;
        }

        foreach (var chunk in part.Parts)
        {
            if (chunk.Index < 0 || chunk.Index >= buffers.Length || chunk.Offset != filled[chunk.Index])
            {
                continue;
            }

            var room = buffers[chunk.Index].Length - filled[chunk.Index];
            var take = Math.Min(room, chunk.Data.Length);
            chunk.Data.AsSpan(0, take).CopyTo(buffers[chunk.Index].AsSpan(filled[chunk.Index]));
            filled[chunk.Index] += take;
        }

        for (var i = 0; i < buffers.Length; i++)
        {
            if (filled[i] < buffers[i].Length)
            {
                return;
            }
        }

        foreach (var blob in buffers)
        {
            if (MessageParser.TryDecodeValue(blob) is { } value)
            {
                header.Values.Add(value);
            }
        }

        Complete(header.Tid, pending, header, now);
    }

    private void Complete(uint tid, PendingRequest pending, Message message, long now)
    {
        if (!_pending.TryRemove(new KeyValuePair<uint, PendingRequest>(tid, pending)))
        {
            return; // the timeout sweeper got there first
        }

        if (_window.IsMeasuring)
        {
            var stats = Stats[pending.Kind];
            if (message.Kind == MessageKind.Error)
            {
                stats.Errors++;
            }
            else
            {
                stats.Latency.Record((now - pending.SentTimestamp) * 1_000_000 / Stopwatch.Frequency);
            }
        }

        pending.Completion.TrySetResult(message);
    }

    private void SweepTimeouts()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var entry in _pending)
        {
            if (now - entry.Value.SentTimestamp <= _timeoutTicks || !_pending.TryRemove(entry))
            {
                continue;
            }

            if (_window.IsMeasuring)
            {
                Stats[entry.Value.Kind].AddTimeout();
            }

            entry.Value.Completion.TrySetResult(null);
        }
    }
}
