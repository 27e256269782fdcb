namespace JamiCluster.Dht.Wire;

/// <summary>One chunk of a fragmented value: <c>p: {index: {o, d}}</c>.</summary>
public readonly record struct ValuePart(int Index, int Offset, ReadOnlyMemory<byte> Data);
