using JamiCluster.LoadGen.Load;
using JamiCluster.LoadGen.Net;

namespace JamiCluster.LoadGen.Memory;

/// <summary>
/// Fairness check for memory numbers: a storer that acknowledges puts but drops values (2.4.12 "lies to
/// the requestor" on rejected values) would look cheap. A random sample must come back from get with
/// the same value id and byte-identical data.
/// </summary>
public static class ValueVerifier
{
    public static async Task<int> VerifyAsync(IReadOnlyList<PeerClient> peers, ValueCatalog catalog, int sample)
    {
        var random = new Random(12345);
        var indices = Enumerable.Range(0, Math.Min(sample, catalog.ValueCount))
            .Select(_ => random.Next(catalog.ValueCount))
            .ToArray();
        var verified = 0;
        var tasks = peers.Select(async peer =>
        {
            for (var i = peer.Index; i < indices.Length; i += peers.Count)
            {
                if (await VerifyOneAsync(peer, catalog, indices[i]))
                {
                    Interlocked.Increment(ref verified);
                }
            }
        });
        await Task.WhenAll(tasks);
        return verified;
    }

    private static async Task<bool> VerifyOneAsync(PeerClient peer, ValueCatalog catalog, int index)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (peer.Pacer is { } pacer)
            {
                await pacer.WaitAsync(CancellationToken.None);
            }

            var reply = await peer.GetAsync(catalog.Key(catalog.KeyOfValue(index)));
            if (reply is null)
            {
                continue; // timeout: retry
            }

            var id = catalog.ValueId(index);
            var value = reply.Values.FirstOrDefault(v => v.Id == id);
            return value is not null && value.Data.AsSpan().SequenceEqual(catalog.Data(index));
        }

        return false;
    }
}
