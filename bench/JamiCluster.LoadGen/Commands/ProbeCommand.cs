using System.Net;
using JamiCluster.LoadGen.Cli;
using JamiCluster.LoadGen.Load;
using JamiCluster.LoadGen.Net;
using JamiCluster.LoadGen.Stats;
using JamiCluster.LoadGen.Wire;

namespace JamiCluster.LoadGen.Commands;

/// <summary>
/// <c>probe</c>: a short conversation with one target, printing every reply decoded, and checking what a
/// 2.4.12 node relies on: pongs carry <c>r.id</c>, find/get replies carry <c>token</c>, put replies carry
/// the value's <c>vid</c>, and a stored value (small = inline, large = fragmented) comes back intact.
/// </summary>
public static class ProbeCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> argv)
    {
        var args = new ArgList(argv, CommandFlags.Of(LoadSettings.BooleanFlags, TargetOptions.BooleanFlags));
        var load = LoadSettings.FromArgs(args, unlimitedByDefault: false);
        var targets = TargetOptions.FromArgs(args, alwaysDhtnode: false, unlimited: load.RatePerSourceIp is null);
        var sizes = new[] { args.Int("small-size", 100, 0, 500), args.Int("large-size", 2000, 600, 60_000) };
        CommandFlags.ApplyLogDir(args);
        args.EnsureAllConsumed();
        var factory = targets.Factories.Count == 1 ? targets.Factories[0] : throw new UsageException("probe needs exactly one target");

        await using var target = await factory.Start();
        using var peer = new PeerClient(0, IPAddress.Loopback, target.EndPoint, TimeSpan.FromSeconds(2), new MeasurementWindow());
        peer.RawTap = datagram => Console.WriteLine($"  <- {datagram.Length} B {MsgpackDump.Render(datagram)}");
        var failures = 0;

        Console.WriteLine($"probe {target.Name} at {target.EndPoint}, our node id {InfoHash.Hex(peer.NodeId)}");
        Console.WriteLine("-> ping");
        failures += Check("pong carries a 20-byte r.id", await peer.PingAsync() is { Kind: MessageKind.Reply, NodeId.Length: 20 });

        Console.WriteLine("-> find (random target, no w)");
        var find = await peer.FindAsync(InfoHash.Random());
        failures += Check("find reply carries a token", find?.Token is { Length: > 0 });

        foreach (var size in sizes)
        {
            var catalog = new ValueCatalog(1, 1, size);
            var key = catalog.Key(0);
            Console.WriteLine($"-> get {InfoHash.Hex(key)} (nothing stored yet)");
            var empty = await peer.GetAsync(key);
            failures += Check("get reply carries a token", empty?.Token is { Length: > 0 });

            var blob = catalog.Blob(0);
            Console.WriteLine($"-> put {blob.Length}-byte value ({(RequestWriter.IsInline(blob.Length) ? "inline" : "fragmented")}) with the get's token");
            var put = await peer.PutAsync(key, blob, empty?.Token ?? []);
            failures += Check("put reply carries vid = value id", put?.Vid == catalog.ValueId(0));

            Console.WriteLine("-> get again");
            var got = await peer.GetAsync(key);
            failures += Check("get returns the value with identical data",
                got?.Values.Any(v => v.Id == catalog.ValueId(0) && v.Data.AsSpan().SequenceEqual(catalog.Data(0))) == true);
        }

        Console.WriteLine("-> put with a wrong token (expect error 401)");
        var bad = await peer.PutAsync(InfoHash.Random(), new ValueCatalog(1, 1, 10).Blob(0), new byte[32]);
        Console.WriteLine($"   reply: {(bad is null ? "none (timeout)" : $"{bad.Kind} {bad.ErrorCode} {bad.ErrorMessage}")}");

        Console.WriteLine(failures == 0 ? "probe: all checks passed" : $"probe: {failures} check(s) failed");
        return failures == 0 ? 0 : 1;
    }

    private static int Check(string what, bool ok)
    {
        Console.WriteLine($"   [{(ok ? "ok" : "FAIL")}] {what}");
        return ok ? 0 : 1;
    }
}
