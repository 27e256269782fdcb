namespace JamiCluster.Grains.Names;

/// <summary>The result of <see cref="INameStore.SaveAsync"/>.</summary>
public enum NameStoreResult
{
    /// <summary>Written.</summary>
    Saved,

    /// <summary>Someone else wrote this name first; re-read it.</summary>
    NameChanged,

    /// <summary>Another registered name already holds the address.</summary>
    AddressInUse,
}
