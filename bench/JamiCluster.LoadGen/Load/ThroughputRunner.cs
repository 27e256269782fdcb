using System.Diagnostics;
using System.Net;
using JamiCluster.LoadGen.Net;
using JamiCluster.LoadGen.Targets;

namespace JamiCluster.LoadGen.Load;

/// <summary>
/// Closed-loop load: each peer keeps <see cref="LoadSettings.OutstandingPerPeer"/> requests in flight and
/// sends the next one when a reply (or timeout) frees a slot. Replies are counted only inside the
/// measurement window, after the warm-up; the run is bounded by warm-up + duration + one timeout.
/// </summary>
public static class ThroughputRunner
{
    public static async Task<ThroughputResult> RunAsync(string name, IPEndPoint target, int? targetPid,
        LoadSettings settings, TextWriter log)
    {
        using var group = PeerGroup.Create(target, settings);
        if (group.SharedSourceIpFallback)
        {
            log.WriteLine("  note: could not bind distinct 127.0.0.x source addresses, some peers share 127.0.0.1");
        }

        await ReadinessProbe.RequirePeersAnsweredAsync(group.Peers, TimeSpan.FromSeconds(5));

        // Gets must hit real values, so the keys are stored first (one value per key).
        var catalog = new ValueCatalog(settings.Keys, 1, settings.ValueSize);
        var prepopulation = await ValueStorer.StoreAsync(group.Peers, catalog, settings.OutstandingPerPeer, CancellationToken.None);

        using var stop = new CancellationTokenSource();
        var counters = new GetCounters();
        var workers = new List<Task>();
        foreach (var peer in group.Peers)
        {
            for (var w = 0; w < settings.OutstandingPerPeer; w++)
            {
                var seed = (peer.Index * 1000) + w;
                workers.Add(Task.Run(() => WorkerAsync(peer, catalog, settings, group.Window, counters, seed, stop.Token)));
            }
        }

        await Task.Delay(settings.Warmup);
        var selfCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var targetCpu0 = targetPid is { } p0 ? ProcFs.CpuSeconds(p0) : null;
        var clock = Stopwatch.StartNew();
        group.Window.Open();
        await Task.Delay(settings.Duration);
        group.Window.Close();
        var seconds = clock.Elapsed.TotalSeconds;
        var selfCpu = (Process.GetCurrentProcess().TotalProcessorTime - selfCpu0).TotalSeconds;
        var targetCpu = targetPid is { } p1 && targetCpu0 is { } c0 && ProcFs.CpuSeconds(p1) is { } c1 ? c1 - c0 : (double?)null;

        await stop.CancelAsync();
        // Workers finish their current request; at worst that is one timeout away.
        await Task.WhenAny(Task.WhenAll(workers), Task.Delay(settings.Timeout + TimeSpan.FromSeconds(1)));

        return new ThroughputResult
        {
            Target = name,
            Settings = settings,
            Prepopulation = prepopulation,
            Stats = group.MergedStats(),
            MeasuredSeconds = seconds,
            GetHits = counters.Hits,
            GetMisses = counters.Misses,
            UnsolicitedQueries = group.Sum(x => x.UnsolicitedQueries),
            MalformedDatagrams = group.Sum(x => x.MalformedDatagrams),
            LateReplies = group.Sum(x => x.LateReplies),
            RepliesWithoutId = group.Sum(x => x.RepliesWithoutId),
            ForeignSourceDatagrams = group.Sum(x => x.ForeignSourceDatagrams),
            LoadGenCores = selfCpu / seconds,
            TargetCores = targetCpu / seconds,
        };
    }

    private static async Task WorkerAsync(PeerClient peer, ValueCatalog catalog, LoadSettings settings,
        Stats.MeasurementWindow window, GetCounters counters, int seed, CancellationToken stop)
    {
        var random = new Random(seed);
        var target = new byte[Wire.InfoHash.Length];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (peer.Pacer is { } pacer)
                {
                    await pacer.WaitAsync(stop);
                }

                switch (settings.Mix.Pick(random))
                {
                    case RequestKind.Ping:
                        await peer.PingAsync();
                        break;
                    case RequestKind.Find:
                        random.NextBytes(target);
                        await peer.FindAsync(target);
                        break;
                    case RequestKind.Get:
                        var reply = await peer.GetAsync(catalog.Key(random.Next(catalog.KeyCount)));
                        if (reply is { Kind: Wire.MessageKind.Reply } && window.IsMeasuring)
                        {
                            counters.Count(reply.Values.Count > 0);
                        }

                        break;
                    case RequestKind.Put:
                        // Re-put of an already stored value: an identical put is a refresh for the storer,
                        // so the mix can include writes without growing the target's storage.
                        if (peer.Token is { } token)
                        {
                            var index = random.Next(catalog.ValueCount);
                            await peer.PutAsync(catalog.Key(index), catalog.Blob(index), token);
                        }
                        else
                        {
                            await peer.PingAsync();
                        }

                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // end of run while waiting for the pacer
        }
    }

    private sealed class GetCounters
    {
        private long _hits;
        private long _misses;

        public long Hits => Interlocked.Read(ref _hits);

        public long Misses => Interlocked.Read(ref _misses);

        public void Count(bool hit)
        {
            if (hit)
            {
                Interlocked.Increment(ref _hits);
            }
            else
            {
                Interlocked.Increment(ref _misses);
            }
        }
    }
}
