using System.ComponentModel.DataAnnotations;

namespace JamiCluster.Grains.Names;

/// <summary>The name policy (<c>JamiCluster:Names</c>); the same on every silo.</summary>
public sealed class NamesOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "JamiCluster:Names";

    /// <summary>Shortest name, in characters (the reference server: 3).</summary>
    [Range(1, 64)]
    public int MinLength { get; set; } = 3;

    /// <summary>Longest name, in UTF-8 bytes (the reference stored names in 32 bytes).</summary>
    [Range(1, 255)]
    public int MaxLength { get; set; } = 32;

    /// <summary>
    /// Also accept letters and digits beyond ASCII (the current Jami client sends them). Off by default: the reference
    /// accepts only <c>[a-z0-9_-]</c>, and look-alike letters from other scripts make names easy to impersonate.
    /// </summary>
    public bool AllowUnicode { get; set; }

    /// <summary>Smallest RSA key accepted, in bits (Jami accounts use 4096).</summary>
    [Range(1024, 16384)]
    public int MinKeyBits { get; set; } = 2048;

    /// <summary>Largest RSA key accepted, in bits: verification cost grows with the key, so this bounds what one request can cost.</summary>
    [Range(1024, 16384)]
    public int MaxKeyBits { get; set; } = 8192;
}
