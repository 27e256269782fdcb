namespace JamiCluster.Interop.Tests;

/// <summary>
/// Hostile datagrams at a live edge: mutated copies of the captured vectors and random bytes. No answer is owed, but
/// the edge must keep answering pings and the process must live on.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class EdgeFuzzTests(SiloFixture fixture)
{
    [Fact]
    public async Task MutatedVectorsAndRandomBytes_EdgeKeepsAnsweringPings()
    {
        var vectors = Directory.GetFiles(RepoPaths.VectorsDir, "*.hex").Select(f => Convert.FromHexString(File.ReadAllText(f).Trim())).ToArray();
        Assert.NotEmpty(vectors);
        var random = new Random(20261125);
        using var fuzzer = new RawDhtClient();
        using var pinger = new RawDhtClient();
        var sent = 0;
        for (var round = 0; round < 40; round++)
        {
            for (var i = 0; i < 100; i++)
            {
                var datagram = i % 4 == 0 ? RandomBytes(random) : Mutate(vectors[random.Next(vectors.Length)], random);
                await fuzzer.SendAsync(fixture.Silo.Head(random.Next(fixture.Silo.HeadCount)), datagram);
                sent++;
            }

            // Stay under the per-IP rate limit so pings are not refused for being over quota.
            await Task.Delay(120);
        }

        Assert.Equal(4000, sent);
        for (var head = 0; head < fixture.Silo.HeadCount; head++)
        {
            Assert.NotNull(await pinger.PingAsync(fixture.Silo.Head(head)));
        }

        Assert.True(fixture.Silo.IsRunning);
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 1500)];
        random.NextBytes(bytes);
        // Half of them start like a map, to get past the first check.
        if (random.Next(2) == 0)
        {
            bytes[0] = (byte)(0x80 | random.Next(16));
        }

        return bytes;
    }

    private static byte[] Mutate(byte[] vector, Random random)
    {
        var bytes = (byte[])vector.Clone();
        switch (random.Next(4))
        {
            case 0:
                for (var k = 0; k < 1 + random.Next(8); k++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 1:
                return bytes[..random.Next(1, bytes.Length)];
            case 2:
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            default:
                var insert = random.Next(bytes.Length);
                return [.. bytes[..insert], (byte)0xdd, 0xff, 0xff, 0xff, 0xff, .. bytes[insert..]];
        }
    }
}
