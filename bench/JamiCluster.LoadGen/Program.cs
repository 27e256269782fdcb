using JamiCluster.LoadGen.Cli;
using JamiCluster.LoadGen.Commands;

// Entry point: dispatch on the first word; bench/README.md documents every command and option.
const string Usage = """
    usage: JamiCluster.LoadGen <command> [options]
      load     throughput/latency against one target
      memory   bytes per stored value (fresh target per value size)
      compare  dhtnode vs ours (--ours CMD) [vs --do-nothing-responder]: table + ratios
      probe    one decoded conversation with a target (ping, find, get, put inline + fragmented)
      respond  run only the do-nothing responder (--port P --seconds S)
      names    GET /name/{name} lookups/s: the silo's name server vs a bare Kestrel dictionary, driven by wrk
      names-bare  run only that bare Kestrel anchor (--port P --bodies FILE --seconds S)
    targets:  --target 127.0.0.1:PORT [--pid PID] | --dhtnode [--dhtnode-port P]
              | --ours "COMMAND ({port} is substituted)" [--ours-port P] [--ours-env NAME=VALUE]... [--ready-timeout S]
              | --do-nothing-responder [--responder-port P]
    load:     --warmup 5 --duration 10 --peers 8 --outstanding 4 --mix ping=1,find=1,get=1 --keys 1000
              --value-size 100 --timeout-ms 1000 [--unlimited | --rate-limited] --rate-per-ip 800 [--same-source-ip]
    memory:   --values 20000 --value-sizes 100,1000 --values-per-key 1 --warmup-values 1000 --settle 5 --verify 200
    compare:  --rounds 1 [--skip-memory] [--skip-load]
    names:    --accounts 200 --key-bits 2048 --unknown 0.1 --initial-warmup 20 --warmup 5 --duration 10 --rounds 3 --connections 32
              --threads 1 --verify 50 --silo "COMMAND" --silo-env NAME=VALUE... --ready-timeout 60 --wrk-cpus LIST
    other:    --log-dir /tmp/jamicluster-loadgen  --target-cpus 1 (taskset CPU list for started targets)
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

var rest = args.Skip(1).ToArray();
try
{
    return args[0] switch
    {
        "load" => await LoadCommand.RunAsync(rest),
        "memory" => await MemoryCommand.RunAsync(rest),
        "compare" => await CompareCommand.RunAsync(rest),
        "probe" => await ProbeCommand.RunAsync(rest),
        "respond" => await RespondCommand.RunAsync(rest),
        "names" => await NamesCommand.RunAsync(rest),
        "names-bare" => await NamesBareCommand.RunAsync(rest),
        _ => throw new UsageException($"unknown command '{args[0]}'"),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
