using System.Net;
using System.Net.Sockets;
using JamiCluster.LoadGen.Load;
using JamiCluster.LoadGen.Stats;

namespace JamiCluster.LoadGen.Net;

/// <summary>The simulated peers of one run, with their pacing, created and disposed together.</summary>
public sealed class PeerGroup : IDisposable
{
    private readonly List<PeerClient> _peers = [];

    private PeerGroup(MeasurementWindow window) => Window = window;

    public IReadOnlyList<PeerClient> Peers => _peers;

    public MeasurementWindow Window { get; }

    /// <summary>True when at least one peer fell back to 127.0.0.1 because its own loopback IP was unusable.</summary>
    public bool SharedSourceIpFallback { get; private set; }

    public static PeerGroup Create(IPEndPoint target, LoadSettings settings)
    {
        var group = new PeerGroup(new MeasurementWindow());
        var ratePerPeer = settings.RatePerPeer();
        for (var i = 0; i < settings.Peers; i++)
        {
            var peer = group.CreatePeer(i, target, settings);
            if (ratePerPeer is { } rate)
            {
                peer.Pacer = new Pacer(rate);
            }

            group._peers.Add(peer);
        }

        return group;
    }

    public PeerStats MergedStats()
    {
        var merged = new PeerStats();
        foreach (var peer in _peers)
        {
            merged.Add(peer.Stats);
        }

        return merged;
    }

    public long Sum(Func<PeerClient, long> counter) => _peers.Sum(counter);

    public void Dispose()
    {
        foreach (var peer in _peers)
        {
            peer.Dispose();
        }
    }

    private PeerClient CreatePeer(int index, IPEndPoint target, LoadSettings settings)
    {
        if (settings.DistinctSourceIps)
        {
            // The whole 127.0.0.0/8 is local on Linux, so distinct source IPs need no setup; each looks
            // like a different host to the target (own rate-limit bucket, own storage quota).
            var address = new IPAddress([127, 0, 0, (byte)(2 + index)]);
            try
            {
                return new PeerClient(index, address, target, settings.Timeout, Window);
            }
            catch (SocketException)
            {
                SharedSourceIpFallback = true;
            }
        }

        return new PeerClient(index, IPAddress.Loopback, target, settings.Timeout, Window);
    }
}
