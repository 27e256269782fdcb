using System.Diagnostics;
using System.Net;
using JamiCluster.LoadGen.Net;
using JamiCluster.LoadGen.Stats;
using JamiCluster.LoadGen.Wire;

namespace JamiCluster.LoadGen.Targets;

/// <summary>"Ready" means: answers a ping with a pong that carries a 20-byte <c>r.id</c>.</summary>
public static class ReadinessProbe
{
    /// <summary>Pings until a pong arrives, the process dies, or <paramref name="limit"/> passes.</summary>
    public static async Task<Message> WaitForPongAsync(IPEndPoint target, TimeSpan limit, Func<bool>? processExited = null)
    {
        using var probe = new PeerClient(-1, IPAddress.Loopback, target, TimeSpan.FromMilliseconds(300), new MeasurementWindow());
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (processExited?.Invoke() == true)
            {
                throw new InvalidOperationException("target process exited before answering a ping");
            }

            var reply = await probe.PingAsync();
            if (reply is { Kind: MessageKind.Reply, NodeId.Length: InfoHash.Length })
            {
                return reply;
            }

            if (reply is not null)
            {
                await Task.Delay(200); // answered, but not with a usable pong: don't spin
            }
        }

        throw new TimeoutException($"no pong from {target} within {limit.TotalSeconds:0} s");
    }

    /// <summary>Every peer must get a pong before measuring, otherwise the run would measure a dead socket.</summary>
    public static async Task RequirePeersAnsweredAsync(IReadOnlyList<PeerClient> peers, TimeSpan limit)
    {
        var tasks = peers.Select(async peer =>
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < limit)
            {
                if (await peer.PingAsync() is { Kind: MessageKind.Reply })
                {
                    return;
                }
            }

            throw new TimeoutException($"peer {peer.LocalEndPoint} got no pong from {peer.Target}");
        });
        await Task.WhenAll(tasks);
    }
}
