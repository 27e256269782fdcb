using JamiCluster.LoadGen.Load;
using JamiCluster.LoadGen.Net;
using JamiCluster.LoadGen.Targets;

namespace JamiCluster.LoadGen.Memory;

/// <summary>
/// Bytes per stored value = (VmRSS after storing N values − VmRSS before) / N, on a target that should
/// be freshly started. Nothing is forced (no GC, no malloc_trim): RSS is what an operator would see.
/// </summary>
public static class MemoryRunner
{
    public static async Task<MemoryResult> RunAsync(RunningTarget target, int valueSize, MemorySettings settings,
        LoadSettings load, TextWriter log)
    {
        var pid = target.MeasuredPid ?? throw new InvalidOperationException($"{target.Name}: no PID, cannot read RSS");
        using var group = PeerGroup.Create(target.EndPoint, load);
        await ReadinessProbe.RequirePeersAnsweredAsync(group.Peers, TimeSpan.FromSeconds(5));

        if (settings.WarmupValues > 0)
        {
            // Exercise put and get (JIT, pools, first storage allocations) before the baseline.
            var warm = new ValueCatalog(settings.WarmupValues, settings.ValuesPerKey, valueSize);
            var warmStore = await ValueStorer.StoreAsync(group.Peers, warm, load.OutstandingPerPeer, CancellationToken.None);
            var warmRead = await ValueVerifier.VerifyAsync(group.Peers, warm, Math.Min(settings.WarmupValues, 500));
            log.WriteLine($"  warm-up: {warmStore}; read back {warmRead}");
        }

        var baseline = await SettledRssAsync(pid, settings.Settle);
        var catalog = new ValueCatalog(settings.Values, settings.ValuesPerKey, valueSize);
        var store = await ValueStorer.StoreAsync(group.Peers, catalog, load.OutstandingPerPeer, CancellationToken.None);
        log.WriteLine($"  stored: {store}");
        var final = await SettledRssAsync(pid, settings.Settle);
        var verified = await ValueVerifier.VerifyAsync(group.Peers, catalog, settings.VerifySample);

        return new MemoryResult
        {
            Target = target.Name,
            Pid = pid,
            ValueSize = valueSize,
            ValuesPerKey = settings.ValuesPerKey,
            BaselineRss = baseline,
            FinalRss = final,
            PeakRss = ProcFs.PeakRssBytes(pid) ?? 0,
            Store = store,
            Verified = verified,
            VerifySample = Math.Min(settings.VerifySample, settings.Values),
        };
    }

    /// <summary>Waits, then takes the median of five readings 200 ms apart to smooth transient spikes.</summary>
    private static async Task<long> SettledRssAsync(int pid, TimeSpan settle)
    {
        await Task.Delay(settle);
        var samples = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            samples.Add(ProcFs.RssBytes(pid) ?? throw new InvalidOperationException($"process {pid} is gone"));
            await Task.Delay(200);
        }

        samples.Sort();
        return samples[2];
    }
}
