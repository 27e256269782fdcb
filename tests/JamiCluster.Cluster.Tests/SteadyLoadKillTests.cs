using System.Text.Json;

namespace JamiCluster.Cluster.Tests;

/// <summary>
/// Real python3-opendht peers under a steady put/get load while one of three PostgreSQL-backed silos is killed
/// with SIGKILL: no put acknowledged before the kill is lost, and the peers keep working without a restart.
/// </summary>
public sealed class SteadyLoadKillTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly List<SiloProcess> _silos = [];
    private readonly string _clusterId = $"steady-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        _silos.Add(await StartAsync(applySchema: true));
        _silos.AddRange(await Task.WhenAll(StartAsync(applySchema: false), StartAsync(applySchema: false)));
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task SigkillOneSiloUnderSteadyLoad_NoAcknowledgedPutLost_PeersKeepWorking()
    {
        var file = Path.Combine(Path.GetTempPath(), $"steady-{Guid.NewGuid():N}.json");
        try
        {
            // Every head of every silo is a bootstrap, as a campus DNS name listing all edges would give.
            string[] all = [.. _silos.SelectMany(s => new[] { s.Bootstrap(0), s.Bootstrap(1) })];
            var load = PythonPeers.RunAsync(
                all, ["steady", "--peers", "5", "--seconds", "40", "--interval-ms", "200", "--out", file], TimeSpan.FromSeconds(200), output);

            await Task.Delay(TimeSpan.FromSeconds(20));
            var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
            _silos[1].Kill();

            var run = await load;
            var result = run.Result();
            var ticks = run.Lines.Where(l => l.TryGetProperty("event", out var e) && e.GetString() == "tick").ToList();
            Assert.NotEmpty(ticks);
            var ackedAtEnd = result.GetProperty("acked").GetInt32();
            // Peers keep working: puts were still being acknowledged in the last seconds of the run.
            var ackedTenSecondsBefore = ticks[Math.Max(0, ticks.Count - 10)].GetProperty("acked").GetInt32();
            Assert.True(ackedAtEnd > ackedTenSecondsBefore, $"no put acknowledged in the last 10 s of the run ({ackedTenSecondsBefore} → {ackedAtEnd})");

            var survivors = new[] { _silos[0].Bootstrap(), _silos[2].Bootstrap() };
            var verify = await PythonPeers.RunAsync(
                survivors,
                ["--timeout", "90", "verify", "--in", file, "--require", "all", "--acked-before", killedAt.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                TimeSpan.FromSeconds(240),
                output);
            var verified = verify.Result();
            Assert.Equal(0, verified.GetProperty("required_missing").GetInt32());
            Assert.True(verified.GetProperty("required").GetInt32() > 0);

            var failed = result.GetProperty("failed_windows").EnumerateArray().Select(e => e.GetDouble()).ToList();
            output.WriteLine($"acked {ackedAtEnd}; checked {verified.GetProperty("required").GetInt32()} acked before the kill, lost 0; " +
                $"gets failed in {failed.Count} one-second windows {JsonSerializer.Serialize(failed)}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private Task<SiloProcess> StartAsync(bool applySchema) => postgres.StartSiloAsync(applySchema, _clusterId);
}
