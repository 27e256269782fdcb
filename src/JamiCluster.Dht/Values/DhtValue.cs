using System.Security.Cryptography;
using JamiCluster.Dht.Wire;
using MessagePack;

namespace JamiCluster.Dht.Values;

/// <summary>
/// One stored value, parsed from its exact received bytes (opendht-wire.md §6.1). The raw bytes are what we store
/// and forward: the signature covers the encoding of <c>body</c>, so we never re-encode a value.
/// </summary>
public sealed class DhtValue
{
    private DhtValue(ReadOnlyMemory<byte> raw)
    {
        Raw = raw;
    }

    /// <summary>The value map exactly as received.</summary>
    public ReadOnlyMemory<byte> Raw { get; }

    /// <summary>Value id (never 0 for a valid put).</summary>
    public ulong Id { get; private set; }

    /// <summary>Value type id.</summary>
    public ulong Type { get; private set; }

    /// <summary>Application data.</summary>
    public ReadOnlyMemory<byte> Data { get; private set; }

    /// <summary>User type string bytes (<c>utype</c>).</summary>
    public ReadOnlyMemory<byte> UserType { get; private set; }

    /// <summary>Owner public key (DER SubjectPublicKeyInfo, or PEM) of a signed value.</summary>
    public ReadOnlyMemory<byte> Owner { get; private set; }

    /// <summary>SHA-1 of the owner's DER key, or null when unsigned.</summary>
    public InfoHash? OwnerId { get; private set; }

    /// <summary>Sequence number of a signed value.</summary>
    public ulong Seq { get; private set; }

    /// <summary>Signature over <see cref="Body"/>.</summary>
    public ReadOnlyMemory<byte> Signature { get; private set; }

    /// <summary>Recipient id of an encrypted value's body.</summary>
    public ReadOnlyMemory<byte> Recipient { get; private set; }

    /// <summary>The exact bytes of the <c>body</c> map (what the owner signed).</summary>
    public ReadOnlyMemory<byte> Body { get; private set; }

    /// <summary>The cypher blob when <c>dat</c> is encrypted.</summary>
    public ReadOnlyMemory<byte> Cypher { get; private set; }

    /// <summary>Priority <c>p</c>.</summary>
    public ulong Priority { get; private set; }

    /// <summary>True when the value carries an owner (and must carry a signature).</summary>
    public bool IsSigned => !Owner.IsEmpty;

    /// <summary>True when <c>dat</c> is an encrypted blob.</summary>
    public bool IsEncrypted => !Cypher.IsEmpty;

    /// <summary>Size as OpenDHT counts it for limits: data + signature + cypher + user type.</summary>
    public int Size => Data.Length + Signature.Length + Cypher.Length + UserType.Length;

    /// <summary>Parses a value; false when it does not follow §6.1 (such a value is skipped individually).</summary>
    public static bool TryParse(ReadOnlyMemory<byte> raw, out DhtValue value)
    {
        value = new DhtValue(raw);
        try
        {
            return value.Parse();
        }
        catch (MessagePackSerializationException)
        {
            return false;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            // MessagePackReader throws this for a str, bin or skip whose declared length runs past the end.
            return false;
        }
    }

    /// <summary>True when the owner's RSA signature (PKCS#1 v1.5, SHA-512) over the body verifies.</summary>
    public bool VerifySignature()
    {
        if (!IsSigned || Signature.IsEmpty || Body.IsEmpty)
        {
            return false;
        }

        try
        {
            using var rsa = RSA.Create();
            ImportOwner(rsa, Owner.Span);
            return rsa.VerifyData(Body.Span, Signature.Span, HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>True when <paramref name="other"/> carries the same content (a re-put of this value is a refresh).</summary>
    public bool SameContent(DhtValue other) => Raw.Span.SequenceEqual(other.Raw.Span) ||
        (Id == other.Id && Type == other.Type && Data.Span.SequenceEqual(other.Data.Span) && UserType.Span.SequenceEqual(other.UserType.Span) &&
         Owner.Span.SequenceEqual(other.Owner.Span) && Signature.Span.SequenceEqual(other.Signature.Span) && Cypher.Span.SequenceEqual(other.Cypher.Span));

    /// <summary>Compares the user type with raw bytes.</summary>
    public bool UserTypeEquals(ReadOnlySpan<byte> userType) => UserType.Span.SequenceEqual(userType);

    private static void ImportOwner(RSA rsa, ReadOnlySpan<byte> owner)
    {
        // 2.4.12 exports DER but accepts PEM on input.
        if (owner.Length > 0 && owner[0] == (byte)'-')
        {
            rsa.ImportFromPem(System.Text.Encoding.ASCII.GetString(owner));
        }
        else
        {
            rsa.ImportSubjectPublicKeyInfo(owner, out _);
        }
    }

    private static InfoHash OwnerKeyId(ReadOnlySpan<byte> owner)
    {
        if (owner.Length > 0 && owner[0] == (byte)'-')
        {
            try
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(System.Text.Encoding.ASCII.GetString(owner));
                return InfoHash.HashOf(rsa.ExportSubjectPublicKeyInfo());
            }
            catch (ArgumentException)
            {
                return InfoHash.HashOf(owner);
            }
            catch (CryptographicException)
            {
                return InfoHash.HashOf(owner);
            }
        }

        return InfoHash.HashOf(owner);
    }

    private bool Parse()
    {
        var reader = new MessagePackReader(Raw);
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            return false;
        }

        var n = reader.ReadMapHeader();
        if (n < 2)
        {
            return false;
        }

        bool hasId = false, hasDat = false;
        for (var i = 0; i < n; i++)
        {
            if (!reader.TryReadStringSpan(out var key))
            {
                reader.Skip();
                reader.Skip();
                continue;
            }

            if (key.SequenceEqual(DhtKeys.Id))
            {
                Id = reader.ReadUInt64();
                hasId = true;
            }
            else if (key.SequenceEqual(DhtKeys.Dat))
            {
                hasDat = true;
                if (reader.NextMessagePackType == MessagePackType.Binary)
                {
                    Cypher = Slice(ref reader, reader.ReadBytes());
                }
                else if (!ParseDat(ref reader))
                {
                    return false;
                }
            }
            else if (key.SequenceEqual(DhtKeys.P))
            {
                Priority = reader.ReadUInt64();
            }
            else
            {
                reader.Skip();
            }
        }

        if (!hasId || !hasDat)
        {
            return false;
        }

        if (IsSigned)
        {
            OwnerId = OwnerKeyId(Owner.Span);
        }

        return true;
    }

    private bool ParseDat(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            return false;
        }

        var n = reader.ReadMapHeader();
        var hasBody = false;
        for (var i = 0; i < n; i++)
        {
            if (!reader.TryReadStringSpan(out var key))
            {
                reader.Skip();
                reader.Skip();
                continue;
            }

            if (key.SequenceEqual(DhtKeys.Body))
            {
                var start = (int)reader.Consumed;
                if (!ParseBody(ref reader))
                {
                    return false;
                }

                Body = Raw[start..(int)reader.Consumed];
                hasBody = true;
            }
            else if (key.SequenceEqual(DhtKeys.Sig))
            {
                Signature = ReadBlob(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        // A signed body needs its signature.
        return hasBody && (Owner.IsEmpty || !Signature.IsEmpty);
    }

    private bool ParseBody(ref MessagePackReader reader)
    {
        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            return false;
        }

        var n = reader.ReadMapHeader();
        bool hasType = false, hasData = false, hasSeq = false;
        for (var i = 0; i < n; i++)
        {
            if (!reader.TryReadStringSpan(out var key))
            {
                reader.Skip();
                reader.Skip();
                continue;
            }

            if (key.SequenceEqual(DhtKeys.Seq))
            {
                Seq = reader.ReadUInt64();
                hasSeq = true;
            }
            else if (key.SequenceEqual(DhtKeys.Owner))
            {
                Owner = ReadBlob(ref reader);
            }
            else if (key.SequenceEqual(DhtKeys.To))
            {
                Recipient = ReadBlob(ref reader);
            }
            else if (key.SequenceEqual(DhtKeys.Type))
            {
                Type = reader.ReadUInt64();
                hasType = true;
            }
            else if (key.SequenceEqual(DhtKeys.ValueData))
            {
                Data = ReadBlob(ref reader);
                hasData = true;
            }
            else if (key.SequenceEqual(DhtKeys.UserType))
            {
                UserType = ReadBlob(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return hasType && hasData && (Owner.IsEmpty || hasSeq);
    }

    private ReadOnlyMemory<byte> ReadBlob(ref MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Binary:
                return Slice(ref reader, reader.ReadBytes());
            case MessagePackType.String:
                return Slice(ref reader, reader.ReadStringSequence());
            case MessagePackType.Array:
                var count = reader.ReadArrayHeader();
                var copy = new byte[count];
                for (var i = 0; i < count; i++)
                {
                    copy[i] = reader.ReadByte();
                }

                return copy;
            default:
                reader.Skip();
                return default;
        }
    }

    private ReadOnlyMemory<byte> Slice(ref MessagePackReader reader, System.Buffers.ReadOnlySequence<byte>? bytes)
    {
        var length = bytes.HasValue ? (int)bytes.Value.Length : 0;
        var end = (int)reader.Consumed;
        return Raw.Slice(end - length, length);
    }
}
