using System.Collections.Concurrent;

namespace JamiCluster.Silo.Edge;

/// <summary>
/// Listeners that live in this process rather than behind a UDP head (the proxy's listen streams). They register
/// with the keyspace grains like any listener, with <see cref="HeadIndex"/> and a sid from here, and this silo's
/// edge observer hands their updates back to the sink registered under that sid.
/// </summary>
public sealed class LocalListeners
{
    /// <summary>The head index that marks a local listener in listener records.</summary>
    public const int HeadIndex = -1;

    private readonly ConcurrentDictionary<uint, Action<ListenerUpdate>> _sinks = new();
    private int _next;

    /// <summary>The node id this silo's local listeners register under.</summary>
    public InfoHash NodeId { get; } = InfoHash.Random();

    /// <summary>How many are open.</summary>
    public int Count => _sinks.Count;

    /// <summary>Registers a sink; returns its sid.</summary>
    public uint Add(Action<ListenerUpdate> sink)
    {
        uint sid;
        do
        {
            sid = (uint)Interlocked.Increment(ref _next);
        }
        while (sid == 0 || !_sinks.TryAdd(sid, sink));
        return sid;
    }

    /// <summary>Forgets a sink (its grain records lapse on their own; updates for it are dropped meanwhile).</summary>
    public void Remove(uint sid) => _sinks.TryRemove(sid, out _);

    /// <summary>Hands an update to the sink of <paramref name="target"/>, if it is still open.</summary>
    public void Deliver(ListenerUpdate update, ListenerTarget target)
    {
        if (_sinks.TryGetValue(target.Sid, out var sink))
        {
            sink(update);
        }
    }
}
