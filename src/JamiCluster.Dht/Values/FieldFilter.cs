namespace JamiCluster.Dht.Values;

/// <summary>One <c>Where</c> term: <paramref name="Field"/> equals a number (Id, ValueType) or bytes (OwnerPk, UserType).</summary>
public readonly record struct FieldFilter(ValueField Field, ulong Number, byte[]? Bytes);
