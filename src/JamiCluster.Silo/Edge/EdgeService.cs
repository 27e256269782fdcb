using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;

namespace JamiCluster.Silo.Edge;

/// <summary>
/// Starts this silo's UDP heads once the silo is up, registers them in the cluster directory (and keeps the local
/// copy of the directory fresh), and stops them on shutdown.
/// </summary>
internal sealed class EdgeService(
    EdgeContext ctx,
    LocalListeners local,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IHostApplicationLifetime lifetime,
    ILogger<EdgeService> logger) : BackgroundService
{
    private static readonly TimeSpan RegistrationPeriod = TimeSpan.FromSeconds(5);
    private readonly List<UdpHead> _heads = [];
    private HeadInfo[] _ownHeads = [];

    // Orleans holds observer objects weakly: without this strong reference the observer is collected at the next GC
    // and every listener update fails with "Unexpected target grain".
    private EdgeObserver? _observer;

    /// <summary>The running heads (for tests and status).</summary>
    public IReadOnlyList<UdpHead> Heads => _heads;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!ctx.Options.Enabled)
        {
            EdgeLog.EdgeDisabled(logger);
            return;
        }

        // Grain calls need the silo running: wait for the host to finish starting.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task;
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }

        var seed = string.IsNullOrEmpty(ctx.Options.NodeIdSeed) ? $"{Environment.MachineName}:{ctx.Options.BasePort}" : ctx.Options.NodeIdSeed;
        for (var i = 0; i < ctx.Options.HeadCount; i++)
        {
            var head = new UdpHead(i, HeadId(seed, i, ctx.Options.HeadCount), (ushort)(ctx.Options.BasePort + i), ctx);
            if (!head.Bind())
            {
                head.Dispose();
                throw new InvalidOperationException($"DHT head {i} could not bind UDP port {ctx.Options.BasePort + i} on any of {string.Join(", ", ctx.Options.EffectiveBindAddresses)}; set JamiCluster:Edge:BasePort (env JamiCluster__Edge__BasePort).");
            }

            _heads.Add(head);
        }

        _observer = new EdgeObserver(_heads, local);
        ctx.Observer = grains.CreateObjectReference<IEdgeObserver>(_observer);
        _ownHeads = DescribeHeads();
        ctx.Directory.Update(_ownHeads, SiloId);
        EdgeLog.HowToConnect(logger, BootstrapList(), ctx.Options.NetworkId);

        var runs = new List<Task>();
        foreach (var head in _heads)
        {
            runs.Add(head.RunAsync(ctx.Options.ReceiveThreadsPerSocket, stoppingToken));
        }

        runs.Add(RegistrationLoopAsync(stoppingToken));
        await Task.WhenAll(runs);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IEdgeRegistryGrain>(0).UnregisterAsync(SiloId).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            EdgeLog.RegistrationFailed(logger, e.Message);
        }

        await base.StopAsync(cancellationToken);
        foreach (var head in _heads)
        {
            head.Dispose();
        }
    }

    private string SiloId => silo.SiloAddress.ToParsableString();

    private async Task RegistrationLoopAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(RegistrationPeriod, ctx.Time);
        do
        {
            try
            {
                var registry = grains.GetGrain<IEdgeRegistryGrain>(0);
                await registry.RegisterAsync(SiloId, _ownHeads);
                var heads = await registry.GetHeadsAsync();
                ctx.Directory.Update(Merge(heads), SiloId);
            }
            catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
            {
                EdgeLog.RegistrationFailed(logger, e.Message);
            }
        }
        while (await WaitAsync(timer, stopping));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The registry's list, with our own heads guaranteed present even before it answers.</summary>
    private HeadInfo[] Merge(HeadInfo[] heads)
    {
        foreach (var head in heads)
        {
            if (head.SiloId == SiloId)
            {
                return heads;
            }
        }

        return [.. heads, .. _ownHeads];
    }

    private HeadInfo[] DescribeHeads()
    {
        var addresses = AdvertisedAddresses();
        var heads = new HeadInfo[_heads.Count];
        for (var i = 0; i < _heads.Count; i++)
        {
            heads[i] = new HeadInfo(_heads[i].Id, SiloId, _heads[i].Port, addresses);
        }

        return heads;
    }

    private byte[][] AdvertisedAddresses()
    {
        var list = new List<byte[]>();
        foreach (var text in ctx.Options.AdvertisedAddresses)
        {
            list.Add(IPAddress.Parse(text).GetAddressBytes());
        }

        if (list.Count == 0)
        {
            foreach (var text in ctx.Options.EffectiveBindAddresses)
            {
                var address = IPAddress.Parse(text);
                if (!address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
                {
                    list.Add(address.GetAddressBytes());
                }
            }
        }

        if (list.Count == 0)
        {
            list.Add(silo.SiloAddress.Endpoint.Address.MapToIPv4().GetAddressBytes());
        }

        return [.. list];
    }

    /// <summary>
    /// What to type into Jami: the advertised addresses, else the specific bind addresses, else this host's
    /// IPv4 interface addresses (bound to every interface), each with every head port.
    /// </summary>
    private string BootstrapList()
    {
        var hosts = new List<string>(ctx.Options.AdvertisedAddresses);
        if (hosts.Count == 0)
        {
            foreach (var text in ctx.Options.EffectiveBindAddresses)
            {
                var address = IPAddress.Parse(text);
                if (!address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
                {
                    hosts.Add(text);
                }
            }
        }

        if (hosts.Count == 0)
        {
            foreach (var nic in System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != System.Net.NetworkInformation.OperationalStatus.Up)
                {
                    continue;
                }

                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    if (unicast.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(unicast.Address))
                    {
                        hosts.Add(unicast.Address.ToString());
                    }
                }
            }
        }

        if (hosts.Count == 0)
        {
            hosts.Add(IPAddress.Loopback.ToString());
        }

        var parts = new List<string>(hosts.Count * _heads.Count);
        foreach (var host in hosts)
        {
            foreach (var head in _heads)
            {
                parts.Add(IPAddress.Parse(host).AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]:{head.Port}" : $"{host}:{head.Port}");
            }
        }

        return string.Join(";", parts);
    }

    /// <summary>
    /// Head ids: the first 32 bits place head i at i/HeadCount of the keyspace, the rest is SHA-1 of the seed.
    /// Every silo uses the same prefixes, so for any key the heads sharing the key's region are one per silo and
    /// XOR distance ranks them first: the closest heads of any key sit on different silos, and a client whose
    /// nearest head dies finds the next one on a survivor (docs/design/dht-core.md).
    /// </summary>
    internal static InfoHash HeadId(string seed, int index, int headCount)
    {
        Span<byte> id = stackalloc byte[InfoHash.Size];
        SHA1.HashData(Encoding.UTF8.GetBytes($"jamicluster-head:{seed}:{index}"), id);
        var prefix = (uint)((ulong)index * (1UL << 32) / (ulong)headCount);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(id, prefix);
        return InfoHash.FromBytes(id);
    }
}
