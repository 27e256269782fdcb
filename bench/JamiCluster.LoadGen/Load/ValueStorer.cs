using System.Diagnostics;
using JamiCluster.LoadGen.Net;
using JamiCluster.LoadGen.Wire;

namespace JamiCluster.LoadGen.Load;

/// <summary>
/// Stores a catalog the way a 2.4.12 node does: <c>find</c> the key to obtain a write token bound to our
/// ip:port, then <c>put</c> with that token, and expect a reply whose <c>vid</c> is the value id.
/// Value i is stored by peer i mod peers, so every peer uses only tokens issued to its own socket.
/// </summary>
public static class ValueStorer
{
    private const int Attempts = 3;

    public static async Task<StoreResult> StoreAsync(IReadOnlyList<PeerClient> peers, ValueCatalog catalog,
        int workersPerPeer, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var acked = 0;
        var failed = 0;
        var tokenRejected = 0;
        var noToken = 0;
        var tasks = new List<Task>();
        foreach (var peer in peers)
        {
            var next = -1;
            for (var w = 0; w < workersPerPeer; w++)
            {
                tasks.Add(Task.Run(async () =>
                {
                    while (!cancellation.IsCancellationRequested)
                    {
                        var i = peer.Index + (Interlocked.Increment(ref next) * peers.Count);
                        if (i >= catalog.ValueCount)
                        {
                            return;
                        }

                        switch (await StoreOneAsync(peer, catalog, i, cancellation))
                        {
                            case Outcome.Acked: Interlocked.Increment(ref acked); break;
                            case Outcome.TokenRejected: Interlocked.Increment(ref tokenRejected); Interlocked.Increment(ref failed); break;
                            case Outcome.NoToken: Interlocked.Increment(ref noToken); Interlocked.Increment(ref failed); break;
                            default: Interlocked.Increment(ref failed); break;
                        }
                    }
                }, cancellation));
            }
        }

        await Task.WhenAll(tasks);
        return new StoreResult(catalog.ValueCount, acked, failed, tokenRejected, noToken, clock.Elapsed);
    }

    private static async Task<Outcome> StoreOneAsync(PeerClient peer, ValueCatalog catalog, int valueIndex, CancellationToken cancellation)
    {
        var key = catalog.Key(catalog.KeyOfValue(valueIndex));
        var blob = catalog.Blob(valueIndex);
        var vid = catalog.ValueId(valueIndex);
        var outcome = Outcome.TimedOut;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            await Pace(peer, cancellation);
            var found = await peer.FindAsync(key);
            if (found is null)
            {
                outcome = Outcome.TimedOut;
                continue;
            }

            if (found.Token is not { Length: > 0 } token)
            {
                outcome = Outcome.NoToken;
                continue;
            }

            await Pace(peer, cancellation);
            var put = await peer.PutAsync(key, blob, token);
            if (put is null)
            {
                outcome = Outcome.TimedOut;
                continue;
            }

            if (put.Kind == MessageKind.Error)
            {
                outcome = put.ErrorCode == 401 ? Outcome.TokenRejected : Outcome.OtherError;
                continue;
            }

            return put.Vid == vid ? Outcome.Acked : Outcome.WrongVid;
        }

        return outcome;
    }

    private static ValueTask Pace(PeerClient peer, CancellationToken cancellation) =>
        peer.Pacer?.WaitAsync(cancellation) ?? ValueTask.CompletedTask;

    private enum Outcome
    {
        Acked,
        TimedOut,
        NoToken,
        TokenRejected,
        OtherError,
        WrongVid,
    }
}
