namespace JamiCluster.Dht.Values;

/// <summary>Field ids of <c>Value::Field</c>, used by select, where and <c>fileds</c>.</summary>
public enum ValueField : byte
{
    /// <summary>No field.</summary>
    None = 0,

    /// <summary>Value id (uint64).</summary>
    Id = 1,

    /// <summary>Value type (uint64 on the wire).</summary>
    ValueType = 2,

    /// <summary>Owner public-key id (bin[20]).</summary>
    OwnerPk = 3,

    /// <summary>Sequence number of a signed value.</summary>
    SeqNum = 4,

    /// <summary>User type string.</summary>
    UserType = 5,
}
