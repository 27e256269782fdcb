using System.Buffers;
using System.Text.Json;
using JamiCluster.Dht.Values;
using JamiCluster.Silo.Edge;
using JamiCluster.Silo.Hosting;

namespace JamiCluster.Silo.Proxy;

/// <summary>
/// The OpenDHT proxy REST API (../specs/dht-proxy-rest.md) on the proxy port: node info, get and put on both path
/// families (<c>/key/{hash}</c> and legacy <c>/{hash}</c>), CORS. Gets and puts are one call to the same keyspace
/// grains the UDP edge uses, so REST and UDP clients see each other's values. Anything the reference does not route
/// answers its 501.
/// </summary>
public sealed class ProxyEndpoints(EdgeContext edge, LocalListeners local, IOptions<ProxyOptions> options, ILogger<ProxyEndpoints> logger)
{
    private const string CorsMethods = "OPTIONS, GET, POST, LISTEN";
    private static readonly TimeSpan ListenRefresh = TimeSpan.FromMinutes(5);
    private readonly ProxyOptions _options = options.Value;
    private readonly Lock _rateLock = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IPAddress, int> _streamsPerIp = new();
    private long _requests;
    private long _lastRequests;
    private long _lastRateAt = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Answers one request on the proxy port.</summary>
    public Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        var get = HttpMethods.IsGet(method);
        if (path is "/" or "/node/info")
        {
            return get ? NodeInfoAsync(context) : ProxyReply.NotImplementedAsync(context);
        }

        if (path == "/node/stats")
        {
            return get ? StatsAsync(context) : ProxyReply.NotImplementedAsync(context);
        }

        // As the reference: node info requests do not count in requestRate, every other one does.
        Interlocked.Increment(ref _requests);

        var segments = path.AsSpan(1);
        var keyed = segments.StartsWith("key/", StringComparison.Ordinal);
        var rest = keyed ? segments[4..].ToString() : segments.ToString();
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var hash = slash < 0 ? rest : rest[..slash];
        var tail = slash < 0 ? null : rest[(slash + 1)..];
        if (hash.Length == 0 || (!keyed && hash == "node"))
        {
            return ProxyReply.NotImplementedAsync(context);
        }

        return (tail, method) switch
        {
            (null, _) when get => GuardAsync(context, GetAsync, ProxyKey.Parse(hash)),
            (null, _) when HttpMethods.IsPost(method) => GuardAsync(context, PutAsync, ProxyKey.Parse(hash)),
            (null, _) when HttpMethods.IsOptions(method) => CorsAsync(context),
            ("options", _) when keyed && get => CorsAsync(context),
            ("listen", _) when keyed && get => GuardAsync(context, ListenAsync, ProxyKey.Parse(hash)),
            ("listen", _) when keyed && HttpMethods.IsOptions(method) => CorsAsync(context),
            _ => ProxyReply.NotImplementedAsync(context),
        };
    }

    /// <summary>Runs a grain-backed handler; a grain or database failure answers 503 instead of a false result.</summary>
    private async Task GuardAsync(HttpContext context, Func<HttpContext, InfoHash, Task> handler, InfoHash key)
    {
        try
        {
            await handler(context, key);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (a listen stream ends this way).
        }
        catch (Exception e)
        {
            ProxyLog.BackendFailed(logger, context.Request.Method, e.Message);
            if (!context.Response.HasStarted)
            {
                context.Response.Headers.RetryAfter = "5";
                await ProxyReply.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "Service unavailable");
            }
        }
    }

    private Task NodeInfoAsync(HttpContext context) => WriteJsonAsync(context, json =>
    {
        json.WriteStartObject();
        WriteNodeInfo(json);
        json.WriteString("public_ip"u8, context.Connection.RemoteIpAddress?.ToString() ?? "");
        json.WriteEndObject();
    });

    /// <summary>
    /// <c>GET /node/stats</c>, live rather than the reference's 2-minute snapshot. Permanent puts and push listeners
    /// are not kept by this proxy yet, so their counts are honestly 0.
    /// </summary>
    private Task StatsAsync(HttpContext context) => WriteJsonAsync(context, json =>
    {
        json.WriteStartObject();
        json.WriteNumber("listenCount"u8, local.Count);
        json.WriteStartObject("nodeInfo"u8);
        WriteNodeInfo(json);
        json.WriteEndObject();
        json.WriteNumber("pushListenersCount"u8, 0);
        json.WriteNumber("putCount"u8, 0);
        json.WriteNumber("requestRate"u8, RequestRate());
        json.WriteNumber("totalPermanentPuts"u8, 0);
        json.WriteEndObject();
    });

    /// <summary>Requests per second since the previous stats request.</summary>
    private double RequestRate()
    {
        lock (_rateLock)
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            var requests = Interlocked.Read(ref _requests);
            var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(_lastRateAt, now).TotalSeconds;
            var rate = seconds > 0 ? (requests - _lastRequests) / seconds : 0;
            (_lastRequests, _lastRateAt) = (requests, now);
            return Math.Round(rate, 3);
        }
    }

    private void WriteNodeInfo(Utf8JsonWriter json)
    {
        // "good" counts the cluster's heads the directory lists: 0 until the cluster really serves the DHT, and a
        // client treats a proxy reporting no good node as offline.
        WriteFamily(json, "ipv4"u8, edge.Directory.IPv4.Count);
        WriteFamily(json, "ipv6"u8, edge.Directory.IPv6.Count);
        json.WriteString("node_id"u8, LocalNodeId().ToString());
        json.WriteNumber("ops"u8, 1);
    }

    private static Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        ProxyReply.Headers(context.Response, StatusCodes.Status200OK);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        buffer.Write("\n"u8);
        context.Response.ContentLength = buffer.WrittenCount;
        return context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).AsTask();
    }

    private async Task GetAsync(HttpContext context, InfoHash key)
    {
        var result = await edge.Bucket(key).GetAsync(key, null).WaitAsync(edge.GrainTimeout, context.RequestAborted);
        ProxyReply.Headers(context.Response, StatusCodes.Status200OK);
        await context.Response.StartAsync(context.RequestAborted);
        foreach (var raw in result.Values)
        {
            if (DhtValue.TryParse(raw, out var value))
            {
                await context.Response.Body.WriteAsync(ProxyReply.Line(value), context.RequestAborted);
            }
        }
    }

    /// <summary>
    /// <c>GET /key/{hash}/listen</c>: a response that never ends on its own. First the stored values, then each new one,
    /// then expirations as the same object plus <c>"expired":true</c>, one JSON line each. The stream is a listener
    /// of the key's grain like a UDP peer, re-registered while the client stays connected.
    /// </summary>
    private async Task ListenAsync(HttpContext context, InfoHash key)
    {
        var observer = edge.Observer ?? throw new InvalidOperationException("The edge observer is not registered yet.");
        var remote = context.Connection.RemoteIpAddress ?? IPAddress.None;
        if (_streamsPerIp.AddOrUpdate(remote, 1, static (_, n) => n + 1) > _options.MaxListenStreamsPerIp)
        {
            ReleaseStream(remote);
            context.Response.Headers.RetryAfter = "60";
            await ProxyReply.ErrorAsync(context, StatusCodes.Status429TooManyRequests, "Too many listen streams from this address");
            return;
        }

        var updates = System.Threading.Channels.Channel.CreateBounded<ListenerUpdate>(
            new System.Threading.Channels.BoundedChannelOptions(1024) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropOldest });
        var sid = local.Add(update => updates.Writer.TryWrite(update));
        try
        {
            var record = new ListenerRecord(local.NodeId, new PeerEndpoint(remote.GetAddressBytes(), (ushort)context.Connection.RemotePort), sid, LocalListeners.HeadIndex, observer, null);
            var first = await edge.Bucket(key).ListenAsync(key, record).WaitAsync(edge.GrainTimeout, context.RequestAborted);
            ProxyReply.Headers(context.Response, StatusCodes.Status200OK);
            await context.Response.StartAsync(context.RequestAborted);
            var sent = new Dictionary<ulong, DhtValue>();
            await WriteValuesAsync(context, first.Values, sent);
            var cancel = context.RequestAborted;
            while (!cancel.IsCancellationRequested)
            {
                using var refresh = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                refresh.CancelAfter(ListenRefresh);
                try
                {
                    var update = await updates.Reader.ReadAsync(refresh.Token);
                    await WriteValuesAsync(context, update.Values, sent);
                    foreach (var id in update.Expired)
                    {
                        if (sent.Remove(id, out var gone))
                        {
                            await context.Response.Body.WriteAsync(ProxyReply.Line(gone, expired: true), cancel);
                        }
                    }

                    await context.Response.Body.FlushAsync(cancel);
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    // Listener records lapse after 10 minutes without a refresh; an open stream renews its own.
                    await edge.Bucket(key).ListenAsync(key, record).WaitAsync(edge.GrainTimeout, cancel);
                }
            }
        }
        finally
        {
            local.Remove(sid);
            ReleaseStream(remote);
        }
    }

    private void ReleaseStream(IPAddress remote)
    {
        // Remove the entry at zero so the map holds only addresses with open streams.
        if (_streamsPerIp.AddOrUpdate(remote, 0, static (_, n) => n - 1) <= 0)
        {
            _streamsPerIp.TryRemove(new KeyValuePair<IPAddress, int>(remote, 0));
        }
    }

    private static async Task WriteValuesAsync(HttpContext context, byte[][] values, Dictionary<ulong, DhtValue> sent)
    {
        foreach (var raw in values)
        {
            if (DhtValue.TryParse(raw, out var value))
            {
                sent[value.Id] = value;
                await context.Response.Body.WriteAsync(ProxyReply.Line(value), context.RequestAborted);
            }
        }

        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private async Task PutAsync(HttpContext context, InfoHash key)
    {
        var body = await RequestBody.ReadAsync(context.Request, _options.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await ProxyReply.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large");
            return;
        }

        if (body.Length == 0)
        {
            await ProxyReply.ErrorAsync(context, StatusCodes.Status400BadRequest, "Missing parameters");
            return;
        }

        ValueFields fields;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            if (!ValueJson.TryRead(document.RootElement, out fields, out _))
            {
                // The reference answers a non-object with 500; a bad request is the client's, so 400 here.
                await ProxyReply.ErrorAsync(context, StatusCodes.Status400BadRequest, "Incorrect JSON", "err:");
                return;
            }
        }
        catch (JsonException)
        {
            await ProxyReply.ErrorAsync(context, StatusCodes.Status400BadRequest, "Incorrect JSON", "err:");
            return;
        }

        if (fields.Id == 0)
        {
            fields = fields with { Id = RandomId() };
        }

        var raw = DhtValueWriter.Write(fields);
        if (!DhtValue.TryParse(raw, out var value))
        {
            await ProxyReply.ErrorAsync(context, StatusCodes.Status400BadRequest, "Incorrect JSON", "err:");
            return;
        }

        var owner = context.Connection.RemoteIpAddress ?? IPAddress.None;
        var outcomes = await edge.Bucket(key).PutAsync(new PutRequest(key, [raw], null, "proxy:" + owner)).WaitAsync(edge.GrainTimeout, context.RequestAborted);
        if (outcomes.Length != 1 || outcomes[0].Verdict != StoreVerdict.Accept)
        {
            // A value the storage refuses (bad signature, quota, edit rule) was not stored: OpenDHT's "put failed".
            await ProxyReply.ErrorAsync(context, StatusCodes.Status502BadGateway, "Put failed");
            return;
        }

        ProxyReply.Headers(context.Response, StatusCodes.Status200OK);
        var line = ProxyReply.Line(value);
        context.Response.ContentLength = line.Length;
        await context.Response.Body.WriteAsync(line, context.RequestAborted);
    }

    private static Task CorsAsync(HttpContext context)
    {
        ProxyReply.Headers(context.Response, StatusCodes.Status200OK);
        var headers = context.Response.Headers;
        headers.AccessControlAllowMethods = CorsMethods;
        headers.AccessControlAllowHeaders = "content-type";
        headers.AccessControlMaxAge = "86400";
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    private InfoHash LocalNodeId()
    {
        foreach (var head in edge.Directory.IPv4)
        {
            if (head.IsLocal)
            {
                return head.NodeId;
            }
        }

        return edge.Directory.IPv4.Count > 0 ? edge.Directory.IPv4[0].NodeId : InfoHash.Zero;
    }

    private static void WriteFamily(Utf8JsonWriter json, ReadOnlySpan<byte> name, int good)
    {
        json.WriteStartObject(name);
        json.WriteNumber("dubious"u8, 0);
        json.WriteNumber("good"u8, good);
        json.WriteNumber("incoming"u8, 0);
        json.WriteEndObject();
    }

    private static ulong RandomId()
    {
        ulong id;
        do
        {
            id = (ulong)Random.Shared.NextInt64(long.MinValue, long.MaxValue);
        }
        while (id == 0);
        return id;
    }
}
