namespace JamiCluster.Abstractions.Names;

/// <summary>State of a name directory entry.</summary>
[GenerateSerializer, Alias("jc.names.NameStatus")]
public enum NameStatus
{
    /// <summary>Bound to a Jami ID; resolves both ways.</summary>
    Registered = 0,

    /// <summary>Held by an operator; only its reserved address (if any) may register it.</summary>
    Reserved = 1,

    /// <summary>Withdrawn by an operator: resolves no more and cannot be registered again.</summary>
    Revoked = 2,
}
