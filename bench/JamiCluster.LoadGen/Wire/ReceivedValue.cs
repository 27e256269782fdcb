namespace JamiCluster.LoadGen.Wire;

/// <summary>A value decoded from a get reply; only what the benchmark checks (id and data).</summary>
public sealed record ReceivedValue(ulong Id, byte[] Data);
