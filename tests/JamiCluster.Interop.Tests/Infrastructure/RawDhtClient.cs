using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using JamiCluster.Dht.Fragments;
using JamiCluster.Dht.Values;
using JamiCluster.Dht.Wire;

namespace JamiCluster.Interop.Tests.Infrastructure;

/// <summary>
/// A hand-driven DHT peer for tests that need exact packets (wrong tokens, crafted signed edits, fuzz, sending to a
/// chosen head). Compatibility is proven with dhtnode and python3-opendht, not with this client.
/// </summary>
public sealed class RawDhtClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly ConcurrentDictionary<uint, Pending> _pending = new();
    private readonly FragmentAssembler _assembler = new();
    private readonly Channel<Received> _updates = Channel.CreateUnbounded<Received>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private uint _tid = (uint)Random.Shared.Next(1, 1 << 30);

    /// <summary>Binds a loopback socket (127.0.0.1, or another 127/8 address) with a random node id.</summary>
    public RawDhtClient(IPAddress? bind = null)
    {
        _socket.Bind(new IPEndPoint(bind ?? IPAddress.Loopback, 0));
        _loop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>This client's node id.</summary>
    public InfoHash Id { get; } = InfoHash.Random();

    /// <summary>Local endpoint.</summary>
    public IPEndPoint LocalEndpoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Updates pushed to us (already answered), in arrival order.</summary>
    public ChannelReader<Received> Updates => _updates.Reader;

    /// <summary>ping → reply, or null on timeout.</summary>
    public Task<Received?> PingAsync(IPEndPoint to, TimeSpan? timeout = null) =>
        RequestAsync(to, (w, tid) => DhtMessageWriter.WritePing(w, tid, 0, Id), timeout);

    /// <summary>find → reply.</summary>
    public Task<Received?> FindAsync(IPEndPoint to, InfoHash target, TimeSpan? timeout = null) =>
        RequestAsync(to, (w, tid) => DhtMessageWriter.WriteFind(w, tid, 0, Id, target, WantFamilies.Unspecified), timeout);

    /// <summary>get → reply, with fragmented values reassembled.</summary>
    public Task<Received?> GetAsync(IPEndPoint to, InfoHash key, ValueQuery? query = null, TimeSpan? timeout = null) =>
        RequestAsync(to, (w, tid) => DhtMessageWriter.WriteGet(w, tid, 0, Id, key, query), timeout);

    /// <summary>put of one value (inline or fragmented) → the first reply or error.</summary>
    public async Task<Received?> PutAsync(IPEndPoint to, InfoHash key, byte[] value, ReadOnlyMemory<byte> token, TimeSpan? timeout = null)
    {
        var values = new ReadOnlyMemory<byte>[] { value };
        var inline = DhtMessageWriter.ShouldInline(values);
        var tid = NextTid();
        var pending = new Pending();
        _pending[tid] = pending;
        var writer = new ArrayBufferWriter<byte>();
        DhtMessageWriter.WritePut(writer, tid, 0, Id, key, values, inline, null, token.Span);
        await SendAsync(to, writer.WrittenMemory);
        if (!inline)
        {
            for (var offset = 0; offset < value.Length; offset += DhtLimits.PartChunk)
            {
                var part = new ArrayBufferWriter<byte>();
                DhtMessageWriter.WriteValuePart(part, tid, 0, 0, offset, value.AsSpan(offset, Math.Min(DhtLimits.PartChunk, value.Length - offset)));
                await SendAsync(to, part.WrittenMemory);
            }
        }

        return await WaitAsync(tid, pending, timeout);
    }

    /// <summary>listen → reply.</summary>
    public Task<Received?> ListenAsync(IPEndPoint to, InfoHash key, ReadOnlyMemory<byte> token, uint sid, TimeSpan? timeout = null) =>
        RequestAsync(to, (w, tid) => DhtMessageWriter.WriteListen(w, tid, 0, Id, key, token.Span, sid), timeout);

    /// <summary>refresh → reply.</summary>
    public Task<Received?> RefreshAsync(IPEndPoint to, InfoHash key, ulong vid, ReadOnlyMemory<byte> token, TimeSpan? timeout = null) =>
        RequestAsync(to, (w, tid) => DhtMessageWriter.WriteRefresh(w, tid, 0, Id, key, vid, token.Span), timeout);

    /// <summary>Sends arbitrary bytes (fuzzing).</summary>
    public async Task SendAsync(IPEndPoint to, ReadOnlyMemory<byte> datagram) => await _socket.SendToAsync(datagram, SocketFlags.None, to);

    /// <summary>A token from a find to <paramref name="to"/>.</summary>
    public async Task<byte[]> TokenAsync(IPEndPoint to, InfoHash key)
    {
        var reply = await FindAsync(to, key) ?? throw new TimeoutException("no find reply");
        return reply.Message.Token.ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _loop.Wait(1000);
        }
        catch (AggregateException)
        {
            // The loop ends with the socket.
        }

        _stop.Dispose();
    }

    private uint NextTid() => Interlocked.Add(ref _tid, 2);

    private async Task<Received?> RequestAsync(IPEndPoint to, Action<ArrayBufferWriter<byte>, uint> write, TimeSpan? timeout)
    {
        var tid = NextTid();
        var pending = new Pending();
        _pending[tid] = pending;
        var writer = new ArrayBufferWriter<byte>();
        write(writer, tid);
        await SendAsync(to, writer.WrittenMemory);
        return await WaitAsync(tid, pending, timeout);
    }

    private async Task<Received?> WaitAsync(uint tid, Pending pending, TimeSpan? timeout)
    {
        try
        {
            return await pending.Reply.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(3));
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            _pending.TryRemove(tid, out _);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[DhtLimits.MaxDatagram];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            var from = (IPEndPoint)result.RemoteEndPoint;
            var bytes = buffer.AsSpan(0, result.ReceivedBytes).ToArray();
            var message = new DhtMessage();
            if (DhtMessageReader.TryRead(bytes, message) != DecodeStatus.Ok)
            {
                continue;
            }

            await HandleAsync(from, bytes, message);
        }
    }

    private async Task HandleAsync(IPEndPoint from, byte[] bytes, DhtMessage message)
    {
        var peer = PeerKey.From(from.Address.GetAddressBytes(), (ushort)from.Port);
        if (message.Kind == MessageKind.ValuePart)
        {
            if (!_assembler.AddPart(peer, message, DateTimeOffset.UtcNow, out var header, out var blobs))
            {
                return;
            }

            var complete = new DhtMessage();
            DhtMessageReader.TryRead(header, complete);
            await HandleCompleteAsync(from, new Received(complete, header, Assemble(complete, blobs)));
            return;
        }

        if (message.HasPendingValues)
        {
            _assembler.AddHeader(peer, message, bytes, DateTimeOffset.UtcNow);
            if (message.Kind == MessageKind.Query)
            {
                // Answer the update header now, as 2.4.12 answers every update.
                await AnswerAsync(from, message.Tid);
            }

            return;
        }

        await HandleCompleteAsync(from, new Received(message, bytes, Assemble(message, null)));
    }

    private async Task HandleCompleteAsync(IPEndPoint from, Received received)
    {
        var m = received.Message;
        if (m.Kind == MessageKind.Query)
        {
            if (!m.HasPendingValues)
            {
                await AnswerAsync(from, m.Tid);
            }

            // Pings from heads verifying us are answered above; only updates are of interest to tests.
            if (m.Verb == QueryVerb.Update)
            {
                _updates.Writer.TryWrite(received);
            }

            return;
        }

        if (_pending.TryGetValue(m.Tid, out var pending))
        {
            pending.Reply.TrySetResult(received);
        }
    }

    private async Task AnswerAsync(IPEndPoint to, uint tid)
    {
        var writer = new ArrayBufferWriter<byte>();
        DhtMessageWriter.WritePong(writer, tid, 0, Id, to.Address.GetAddressBytes());
        await SendAsync(to, writer.WrittenMemory);
    }

    private static List<byte[]> Assemble(DhtMessage m, Dictionary<int, byte[]>? blobs)
    {
        var values = new List<byte[]>();
        foreach (var slot in m.Values)
        {
            if (!slot.IsPending)
            {
                values.Add(slot.Raw.ToArray());
            }
            else if (blobs is not null && blobs.TryGetValue(slot.Index, out var blob))
            {
                values.Add(blob);
            }
        }

        return values;
    }

    private sealed class Pending
    {
        public TaskCompletionSource<Received> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A decoded message (over its own copy of the bytes) and its values, reassembled.</summary>
    public sealed record Received(DhtMessage Message, byte[] Bytes, List<byte[]> Values);
}
