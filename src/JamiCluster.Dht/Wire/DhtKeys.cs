namespace JamiCluster.Dht.Wire;

/// <summary>Every key and verb of the wire format as UTF-8 literals, compared without building strings.</summary>
internal static class DhtKeys
{
    public static ReadOnlySpan<byte> Y => "y"u8;
    public static ReadOnlySpan<byte> Q => "q"u8;
    public static ReadOnlySpan<byte> A => "a"u8;
    public static ReadOnlySpan<byte> R => "r"u8;
    public static ReadOnlySpan<byte> E => "e"u8;
    public static ReadOnlySpan<byte> U => "u"u8;
    public static ReadOnlySpan<byte> P => "p"u8;
    public static ReadOnlySpan<byte> T => "t"u8;
    public static ReadOnlySpan<byte> V => "v"u8;
    public static ReadOnlySpan<byte> N => "n"u8;
    public static ReadOnlySpan<byte> S => "s"u8;

    public static ReadOnlySpan<byte> Id => "id"u8;
    public static ReadOnlySpan<byte> H => "h"u8;
    public static ReadOnlySpan<byte> Target => "target"u8;
    public static ReadOnlySpan<byte> Want => "w"u8;
    public static ReadOnlySpan<byte> Token => "token"u8;
    public static ReadOnlySpan<byte> Values => "values"u8;
    public static ReadOnlySpan<byte> Fields => "fileds"u8;
    public static ReadOnlySpan<byte> Created => "c"u8;
    public static ReadOnlySpan<byte> Vid => "vid"u8;
    public static ReadOnlySpan<byte> Sid => "sid"u8;
    public static ReadOnlySpan<byte> Version => "ve"u8;
    public static ReadOnlySpan<byte> N4 => "n4"u8;
    public static ReadOnlySpan<byte> N6 => "n6"u8;
    public static ReadOnlySpan<byte> Sa => "sa"u8;
    public static ReadOnlySpan<byte> Refreshed => "re"u8;
    public static ReadOnlySpan<byte> Expired => "exp"u8;
    public static ReadOnlySpan<byte> Offset => "o"u8;
    public static ReadOnlySpan<byte> Data => "d"u8;
    public static ReadOnlySpan<byte> F => "f"u8;

    public static ReadOnlySpan<byte> Ping => "ping"u8;
    public static ReadOnlySpan<byte> Find => "find"u8;
    public static ReadOnlySpan<byte> Get => "get"u8;
    public static ReadOnlySpan<byte> Put => "put"u8;
    public static ReadOnlySpan<byte> Refresh => "refresh"u8;
    public static ReadOnlySpan<byte> Listen => "listen"u8;
    public static ReadOnlySpan<byte> Update => "update"u8;

    // Value encoding.
    public static ReadOnlySpan<byte> Dat => "dat"u8;
    public static ReadOnlySpan<byte> Body => "body"u8;
    public static ReadOnlySpan<byte> Sig => "sig"u8;
    public static ReadOnlySpan<byte> Seq => "seq"u8;
    public static ReadOnlySpan<byte> Owner => "owner"u8;
    public static ReadOnlySpan<byte> To => "to"u8;
    public static ReadOnlySpan<byte> Type => "type"u8;
    public static ReadOnlySpan<byte> ValueData => "data"u8;
    public static ReadOnlySpan<byte> UserType => "utype"u8;

    /// <summary>The user agent we send, as 2.4.12 does.</summary>
    public static ReadOnlySpan<byte> UserAgent => "RNG1"u8;
}
