namespace JamiCluster.LoadGen.Wire;

/// <summary>One <c>p</c> entry: bytes of value <see cref="Index"/> starting at <see cref="Offset"/>.</summary>
public sealed record ValuePartChunk(int Index, int Offset, byte[] Data);
