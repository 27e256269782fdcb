using JamiCluster.LoadGen.Wire;

namespace JamiCluster.LoadGen.Net;

/// <summary>
/// A request waiting for its reply, keyed by tid in <see cref="PeerClient"/>. Also holds the
/// reassembly state when the reply announced fragmented values (spec §1.3).
/// </summary>
internal sealed class PendingRequest(RequestKind kind, long sentTimestamp)
{
    // Synchronous continuations on purpose: the worker's next request is then sent straight from the
    // receive thread, which saves a thread-pool hop per request on a 2-core machine.
    public TaskCompletionSource<Message?> Completion { get; } = new(TaskCreationOptions.None);

    public RequestKind Kind { get; } = kind;

    public long SentTimestamp { get; set; } = sentTimestamp;

    /// <summary>The reply header whose values arrive in parts, or null while none was seen.</summary>
    public Message? FragmentedHeader { get; set; }

    /// <summary>One buffer per announced value; filled strictly in order like 2.4.12 does.</summary>
    public byte[][]? PartBuffers { get; set; }

    public int[]? PartFilled { get; set; }
}
