using JamiCluster.Dht.Storage;

namespace JamiCluster.Grains.Keyspace;

/// <summary>One key inside a bucket grain: its values and (created on first use) its listeners by node id and sid.</summary>
internal sealed class KeyEntry(InfoHash key) : KeyStore(key)
{

    public Dictionary<(InfoHash Node, uint Sid), Listener>? Listeners { get; private set; }

    public int ListenerCount => Listeners?.Count ?? 0;

    public bool IsEmpty => Count == 0 && ListenerCount == 0;

    public Dictionary<(InfoHash Node, uint Sid), Listener> EnsureListeners() => Listeners ??= [];

    public void DropListenersIfEmpty()
    {
        if (Listeners is { Count: 0 })
        {
            Listeners = null;
        }
    }

    internal sealed class Listener(ListenerRecord record, DateTimeOffset refreshed)
    {
        public ListenerRecord Record { get; set; } = record;

        public DateTimeOffset Refreshed { get; set; } = refreshed;
    }
}
