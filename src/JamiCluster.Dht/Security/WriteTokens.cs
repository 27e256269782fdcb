using System.Buffers.Binary;
using System.Security.Cryptography;

namespace JamiCluster.Dht.Security;

/// <summary>
/// Write tokens (opendht-wire.md §5): HMAC-SHA-256(secret, requester IP ‖ port), 32 bytes, bound to the requester's
/// address. The secret rotates every 15–45 minutes and the previous one is still accepted, so a token lives 15–90 min.
/// </summary>
public sealed class WriteTokens
{
    private static readonly TimeSpan MinRotation = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxRotation = TimeSpan.FromMinutes(45);

    private readonly TimeProvider _time;
    private Secrets _secrets;

    /// <summary>Creates a token issuer with a fresh random secret.</summary>
    public WriteTokens(TimeProvider time)
    {
        _time = time;
        var now = time.GetUtcNow();
        var first = NewSecret();
        _secrets = new Secrets(first, first, now + NextPeriod());
    }

    /// <summary>Writes the token for <paramref name="ip"/>:<paramref name="port"/> (32 bytes) into <paramref name="destination"/>.</summary>
    public void Make(ReadOnlySpan<byte> ip, ushort port, Span<byte> destination) => Compute(Current().Current, ip, port, destination);

    /// <summary>True when <paramref name="token"/> was issued to this address under the current or the previous secret.</summary>
    public bool Check(ReadOnlySpan<byte> token, ReadOnlySpan<byte> ip, ushort port)
    {
        if (token.Length != DhtLimits.TokenSize)
        {
            return false;
        }

        var secrets = Current();
        Span<byte> expected = stackalloc byte[DhtLimits.TokenSize];
        Compute(secrets.Current, ip, port, expected);
        if (CryptographicOperations.FixedTimeEquals(expected, token))
        {
            return true;
        }

        Compute(secrets.Previous, ip, port, expected);
        return CryptographicOperations.FixedTimeEquals(expected, token);
    }

    /// <summary>Forces a rotation now (tests, and an operator who suspects a leak).</summary>
    public void Rotate()
    {
        var old = _secrets;
        _secrets = new Secrets(NewSecret(), old.Current, _time.GetUtcNow() + NextPeriod());
    }

    private Secrets Current()
    {
        var secrets = Volatile.Read(ref _secrets);
        if (_time.GetUtcNow() < secrets.RotateAt)
        {
            return secrets;
        }

        // Rotation is lazy. If even the longest period has passed since the overdue rotation, a second rotation is overdue too
        // (an idle node): the previous secret goes as well, or its tokens would outlive the 90-min bound.
        var now = _time.GetUtcNow();
        var previous = now >= secrets.RotateAt + MaxRotation ? NewSecret() : secrets.Current;
        var next = new Secrets(NewSecret(), previous, now + NextPeriod());
        // Whoever wins the race installs the new pair; losers use it.
        Interlocked.CompareExchange(ref _secrets, next, secrets);
        return Volatile.Read(ref _secrets);
    }

    private static void Compute(byte[] secret, ReadOnlySpan<byte> ip, ushort port, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[18];
        ip.CopyTo(input);
        BinaryPrimitives.WriteUInt16BigEndian(input[ip.Length..], port);
        HMACSHA256.HashData(secret, input[..(ip.Length + 2)], destination);
    }

    private static byte[] NewSecret() => RandomNumberGenerator.GetBytes(32);

    private static TimeSpan NextPeriod() =>
        MinRotation + TimeSpan.FromSeconds(RandomNumberGenerator.GetInt32((int)(MaxRotation - MinRotation).TotalSeconds));

    private sealed record Secrets(byte[] Current, byte[] Previous, DateTimeOffset RotateAt);
}
