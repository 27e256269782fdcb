namespace JamiCluster.LoadGen.Wire;

/// <summary>UTF-8 spellings of the protocol's map keys and query names (spec §2.2, §2.5).</summary>
internal static class WireKeys
{
    public static ReadOnlySpan<byte> A => "a"u8;
    public static ReadOnlySpan<byte> Q => "q"u8;
    public static ReadOnlySpan<byte> T => "t"u8;
    public static ReadOnlySpan<byte> Y => "y"u8;
    public static ReadOnlySpan<byte> V => "v"u8;
    public static ReadOnlySpan<byte> R => "r"u8;
    public static ReadOnlySpan<byte> E => "e"u8;
    public static ReadOnlySpan<byte> P => "p"u8;
    public static ReadOnlySpan<byte> U => "u"u8;
    public static ReadOnlySpan<byte> Id => "id"u8;
    public static ReadOnlySpan<byte> Target => "target"u8;
    public static ReadOnlySpan<byte> H => "h"u8;
    public static ReadOnlySpan<byte> Values => "values"u8;
    public static ReadOnlySpan<byte> Token => "token"u8;
    public static ReadOnlySpan<byte> Vid => "vid"u8;
    public static ReadOnlySpan<byte> Sa => "sa"u8;
    public static ReadOnlySpan<byte> N4 => "n4"u8;
    public static ReadOnlySpan<byte> N6 => "n6"u8;
    public static ReadOnlySpan<byte> Fileds => "fileds"u8;
    public static ReadOnlySpan<byte> Dat => "dat"u8;
    public static ReadOnlySpan<byte> Body => "body"u8;
    public static ReadOnlySpan<byte> Type => "type"u8;
    public static ReadOnlySpan<byte> Data => "data"u8;
    public static ReadOnlySpan<byte> O => "o"u8;
    public static ReadOnlySpan<byte> D => "d"u8;
    public static ReadOnlySpan<byte> Ping => "ping"u8;
    public static ReadOnlySpan<byte> Find => "find"u8;
    public static ReadOnlySpan<byte> Get => "get"u8;
    public static ReadOnlySpan<byte> Put => "put"u8;

    /// <summary>User agent of 2.4.x; never interpreted by peers, sent only to look like a real node.</summary>
    public static ReadOnlySpan<byte> UserAgent => "RNG1"u8;
}
