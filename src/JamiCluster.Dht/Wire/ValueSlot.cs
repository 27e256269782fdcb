namespace JamiCluster.Dht.Wire;

/// <summary>
/// One entry of a <c>values</c> array: either the raw bytes of an inline value map, or the announced size of a
/// value that follows in parts. <see cref="Index"/> is the entry's position in the array, which parts refer to.
/// </summary>
public readonly record struct ValueSlot(ReadOnlyMemory<byte> Raw, int PendingSize, int Index)
{
    /// <summary>True when the value's bytes arrive later in value parts.</summary>
    public bool IsPending => PendingSize >= 0;

    /// <summary>An inline value.</summary>
    public static ValueSlot Inline(ReadOnlyMemory<byte> raw, int index) => new(raw, -1, index);

    /// <summary>A value announced by size.</summary>
    public static ValueSlot Pending(int size, int index) => new(default, size, index);
}
