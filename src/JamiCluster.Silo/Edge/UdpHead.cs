using System.Buffers;
using System.Diagnostics;
using JamiCluster.Dht.Fragments;
using JamiCluster.Dht.Routing;
using JamiCluster.Dht.Wire;

namespace JamiCluster.Silo.Edge;

/// <summary>
/// One DHT identity on one UDP port (IPv4 and IPv6 sockets). Receives datagrams, applies OpenDHT's gates in order
/// (martian source, decode, network id, parts, sender id, rate limit) and dispatches to the handlers in
/// <c>Handlers/</c>. ping and find are answered here; get, put, refresh and listen cost one grain call each, never
/// awaited by the receive loop.
/// </summary>
public sealed partial class UdpHead : IDisposable
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_writer;

    private readonly EdgeContext _ctx;
    private readonly List<Socket> _sockets = [];
    private readonly RoutingTable _table4;
    private readonly RoutingTable _table6;
    private readonly Lock _tableLock = new();
    private readonly OutgoingRequests _outgoing = new();

    /// <summary>Creates head <paramref name="index"/> with node id <paramref name="id"/> on <paramref name="port"/>.</summary>
    public UdpHead(int index, InfoHash id, ushort port, EdgeContext ctx)
    {
        Index = index;
        Id = id;
        Port = port;
        _ctx = ctx;
        _table4 = new RoutingTable(id);
        _table6 = new RoutingTable(id);
    }

    /// <summary>Index of this head on its silo.</summary>
    public int Index { get; }

    /// <summary>Node id.</summary>
    public InfoHash Id { get; }

    /// <summary>UDP port.</summary>
    public ushort Port { get; }

    /// <summary>Local endpoints actually bound.</summary>
    public IEnumerable<EndPoint> LocalEndpoints
    {
        get
        {
            foreach (var socket in _sockets)
            {
                yield return socket.LocalEndPoint!;
            }
        }
    }

    /// <summary>Good nodes known per family (for status and tests).</summary>
    public (int IPv4, int IPv6) GoodNodes
    {
        get
        {
            var now = _ctx.Time.GetUtcNow();
            lock (_tableLock)
            {
                return (_table4.CountGood(now), _table6.CountGood(now));
            }
        }
    }

    /// <summary>Binds one socket per configured address; returns false when none could be bound.</summary>
    public bool Bind()
    {
        foreach (var text in _ctx.Options.EffectiveBindAddresses)
        {
            var address = IPAddress.Parse(text);
            var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                if (address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    // Separate IPv4 and IPv6 sockets, as OpenDHT: tokens, limits and node lists are per family.
                    socket.DualMode = false;
                    socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.PacketInformation, true);
                }
                else
                {
                    socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
                }

                socket.ReceiveBufferSize = 4 * 1024 * 1024;
                socket.Bind(new IPEndPoint(address, Port));
                _sockets.Add(socket);
                EdgeLog.HeadListening(_ctx.Logger, Index, Id, socket.LocalEndPoint!.ToString()!);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                EdgeLog.BindFailed(_ctx.Logger, Index, new IPEndPoint(address, Port).ToString(), e.Message);
            }
        }

        return _sockets.Count > 0;
    }

    /// <summary>
    /// Runs the receive threads and the maintenance timer until <paramref name="stopping"/>. Each socket gets
    /// <paramref name="threadsPerSocket"/> dedicated threads in a blocking receive: for a small-datagram server that
    /// is cheaper than async receives (no continuation per datagram), and the kernel hands each datagram to one thread.
    /// </summary>
    public Task RunAsync(int threadsPerSocket, CancellationToken stopping)
    {
        var tasks = new List<Task>((_sockets.Count * threadsPerSocket) + 1);
        foreach (var socket in _sockets)
        {
            for (var i = 0; i < threadsPerSocket; i++)
            {
                var done = new TaskCompletionSource();
                var thread = new Thread(() =>
                {
                    ReceiveLoop(socket, stopping);
                    done.TrySetResult();
                })
                {
                    IsBackground = true,
                    Name = $"dht-head-{Index}-{socket.AddressFamily}-{i}",
                };
                thread.Start();
                tasks.Add(done.Task);
            }
        }

        // Closing the sockets is what wakes the blocked receives on shutdown.
        stopping.Register(Dispose);
        tasks.Add(Task.Run(() => MaintenanceLoopAsync(stopping), CancellationToken.None));
        return Task.WhenAll(tasks);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }

    private void ReceiveLoop(Socket socket, CancellationToken stopping)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(DhtLimits.MaxDatagram, pinned: true);
        var any = socket.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        var message = new DhtMessage();
        while (!stopping.IsCancellationRequested)
        {
            int received;
            var flags = SocketFlags.None;
            EndPoint from = any;
            IPPacketInformation packet;
            try
            {
                received = socket.ReceiveMessageFrom(buffer, ref flags, ref from, out packet);
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException)
            {
                if (stopping.IsCancellationRequested)
                {
                    break;
                }

                // ICMP errors surface here on some platforms; the socket is still usable.
                continue;
            }

            var remote = (IPEndPoint)from;
            try
            {
                if ((flags & SocketFlags.Truncated) != 0)
                {
                    _ctx.Metrics.Dropped(DropReason.Oversize);
                    continue;
                }

                Process(socket, buffer.AsMemory(0, received), remote, packet.Address, message);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A handler bug must not stop the head: count it, log it, keep serving.
                _ctx.Metrics.Dropped(DropReason.Malformed);
                EdgeLog.HandlerFailed(_ctx.Logger, e, remote);
            }
        }
    }

    /// <summary>The gate sequence of <c>NetworkEngine::processMessage</c>, then dispatch.</summary>
    internal void Process(Socket socket, ReadOnlyMemory<byte> datagram, IPEndPoint remote, IPAddress? local, DhtMessage m)
    {
        var start = Stopwatch.GetTimestamp();
        if (remote.Address.IsIPv4MappedToIPv6)
        {
            remote = new IPEndPoint(remote.Address.MapToIPv4(), remote.Port);
        }

        if (Martians.IsMartian(remote.Address, remote.Port))
        {
            Drop(remote, DropReason.Martian);
            return;
        }

        var status = DhtMessageReader.TryRead(datagram, m);
        if (status != DecodeStatus.Ok)
        {
            Drop(remote, status == DecodeStatus.Oversize ? DropReason.Oversize : DropReason.Malformed);
            return;
        }

        if (m.NetworkId != _ctx.Options.NetworkId)
        {
            Drop(remote, DropReason.WrongNetwork);
            return;
        }

        _ctx.Metrics.Received(m.Kind, m.Verb);
        Span<byte> ip = stackalloc byte[16];
        remote.Address.TryWriteBytes(ip, out var ipLength);
        ip = ip[..ipLength];
        var request = new RequestContext(socket, remote, local, start);

        if (m.Kind == MessageKind.ValuePart)
        {
            OnValuePart(request, m, ip);
            return;
        }

        if (m.Id.IsZero || m.Id == Id)
        {
            Drop(remote, DropReason.BadSender);
            return;
        }

        if (m.Kind == MessageKind.Query && !_ctx.Limiter.TryAcquire(ip))
        {
            Drop(remote, DropReason.RateLimited);
            return;
        }

        Dispatch(request, m, datagram.Span, ip);
    }

    private void Dispatch(RequestContext request, DhtMessage m, ReadOnlySpan<byte> datagram, ReadOnlySpan<byte> ip)
    {
        switch (m.Kind)
        {
            case MessageKind.Query:
                if (!m.IsClient)
                {
                    NoteNode(m.Id, request.Remote, confirm: 1);
                }

                switch (m.Verb)
                {
                    case QueryVerb.Ping:
                        OnPing(request, m, ip);
                        break;
                    case QueryVerb.Find:
                        OnFind(request, m, ip);
                        break;
                    case QueryVerb.Get:
                        OnGet(request, m, ip);
                        break;
                    case QueryVerb.Put:
                        OnPut(request, m, datagram, ip);
                        break;
                    case QueryVerb.Refresh:
                        OnRefresh(request, m, ip);
                        break;
                    case QueryVerb.Listen:
                        OnListen(request, m, ip);
                        break;
                    case QueryVerb.Update:
                        // We never listen, but every update must be answered or the sender expires us.
                        OnPing(request, m, ip);
                        break;
                }

                break;
            case MessageKind.Reply:
                OnReply(request, m);
                break;
            case MessageKind.Error:
                _outgoing.TryComplete(m.Tid, request.Remote, out _);
                break;
            default:
                // Legacy version-0 notifications are addressed to listeners; we are never one.
                break;
        }
    }

    /// <summary>The keyspace grain that owns <paramref name="key"/>.</summary>
    private IKeyspaceBucketGrain Bucket(InfoHash key) => _ctx.Bucket(key);

    private void Drop(IPEndPoint remote, DropReason reason)
    {
        _ctx.Metrics.Dropped(reason);
        EdgeLog.Dropped(_ctx.Logger, remote, reason);
    }

    /// <summary>A reusable writer for the calling thread (replies are encoded and sent synchronously).</summary>
    private static ArrayBufferWriter<byte> Writer()
    {
        var writer = t_writer ??= new ArrayBufferWriter<byte>(2048);
        writer.ResetWrittenCount();
        return writer;
    }

    private void Send(RequestContext request, ArrayBufferWriter<byte> writer, string type)
    {
        try
        {
            request.Socket.SendTo(writer.WrittenSpan, SocketFlags.None, request.Remote);
            _ctx.Metrics.Sent(type);
        }
        catch (SocketException)
        {
            // The peer's network is unreachable: nothing to do, it will retry or expire us.
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    private void SendError(RequestContext request, uint tid, DhtErrorCode code, ReadOnlySpan<byte> text)
    {
        var writer = Writer();
        DhtMessageWriter.WriteError(writer, tid, _ctx.Options.NetworkId, Id, code, text);
        Send(request, writer, "error");
        _ctx.Metrics.Error(code);
    }

    /// <summary>Where a request came from and went to, carried across the grain call.</summary>
    internal readonly record struct RequestContext(Socket Socket, IPEndPoint Remote, IPAddress? Local, long StartTimestamp)
    {
        public byte[] RemoteBytes() => Remote.Address.GetAddressBytes();

        public PeerKey PeerKey()
        {
            Span<byte> ip = stackalloc byte[16];
            Remote.Address.TryWriteBytes(ip, out var n);
            return Dht.Fragments.PeerKey.From(ip[..n], (ushort)Remote.Port);
        }
    }
}
