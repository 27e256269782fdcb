namespace JamiCluster.LoadGen.Wire;

/// <summary>Classification of an incoming datagram, in the precedence order of spec §2.3.</summary>
public enum MessageKind
{
    Unknown,
    Error,
    Reply,
    ValuePart,
    Query,
}
