using JamiCluster.Dht.Storage;

namespace JamiCluster.Grains.Keyspace;

/// <summary>One key inside a bucket grain: its values and its listeners (keyed by node id and sid).</summary>
internal sealed class KeyEntry(InfoHash key)
{
    public KeyStore Store { get; } = new(key);

    public Dictionary<(InfoHash Node, uint Sid), Listener> Listeners { get; } = [];

    public bool IsEmpty => Store.Count == 0 && Listeners.Count == 0;

    internal sealed class Listener(ListenerRecord record, DateTimeOffset refreshed)
    {
        public ListenerRecord Record { get; set; } = record;

        public DateTimeOffset Refreshed { get; set; } = refreshed;
    }
}
