using System.Globalization;
using System.Text;
using System.Text.Json;

namespace JamiCluster.Dht.Values;

/// <summary>
/// The DHT proxy's JSON form of a value (`Value::toJson` / `Value(Json)`, proxy spec §3): keys in jsoncpp's
/// alphabetical order, <c>id</c> as a decimal string, standard padded base64, <c>owner</c> as PEM text.
/// </summary>
public static class ValueJson
{
    /// <summary>Writes <paramref name="value"/> as one JSON object; <paramref name="expired"/> adds <c>"expired":true</c>.</summary>
    public static void Write(Utf8JsonWriter json, DhtValue value, bool expired = false)
    {
        json.WriteStartObject();
        if (value.IsEncrypted)
        {
            json.WriteBase64String("cypher"u8, value.Cypher.Span);
            WriteId(json, value.Id, expired);
            if (value.Priority != 0)
            {
                json.WriteNumber("prio"u8, value.Priority);
            }

            json.WriteEndObject();
            return;
        }

        json.WriteBase64String("data"u8, value.Data.Span);
        WriteId(json, value.Id, expired);
        if (value.IsSigned)
        {
            json.WriteString("owner"u8, OwnerPem(value.Owner.Span));
        }

        if (value.Priority != 0)
        {
            json.WriteNumber("prio"u8, value.Priority);
        }

        if (value.IsSigned)
        {
            json.WriteNumber("seq"u8, value.Seq);
            json.WriteBase64String("sig"u8, value.Signature.Span);
            if (!value.Recipient.IsEmpty)
            {
                json.WriteString("to"u8, Convert.ToHexStringLower(value.Recipient.Span));
            }
        }

        json.WriteNumber("type"u8, value.Type);
        if (!value.UserType.IsEmpty)
        {
            json.WriteString("utype"u8, value.UserType.Span);
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// Reads a value object. Unknown keys are ignored (that is how <c>permanent</c> travels beside the value);
    /// null <paramref name="error"/> on success.
    /// </summary>
    public static bool TryRead(JsonElement json, out ValueFields value, out string? error)
    {
        value = default;
        error = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            error = "a value is a JSON object";
            return false;
        }

        ulong id = 0, type = 0, seq = 0, prio = 0;
        byte[] data = [], userType = [], owner = [], sig = [], cypher = [];
        InfoHash? to = null;
        foreach (var property in json.EnumerateObject())
        {
            var v = property.Value;
            var ok = property.Name switch
            {
                "id" => TryReadUInt64(v, out id),
                "type" => TryReadUInt64(v, out type) && type <= ushort.MaxValue,
                "seq" => TryReadUInt64(v, out seq) && seq <= ushort.MaxValue,
                "prio" => TryReadUInt64(v, out prio),
                "data" => TryReadBase64(v, out data),
                "sig" => TryReadBase64(v, out sig),
                "cypher" => TryReadBase64(v, out cypher),
                "utype" => TryReadText(v, out userType),
                "owner" => v.ValueKind == JsonValueKind.String && TryReadOwner(v.GetString()!, out owner),
                "to" => TryReadRecipient(v, out to),
                _ => true,
            };
            if (!ok)
            {
                error = $"invalid \"{property.Name}\"";
                return false;
            }
        }

        if (owner.Length > 0 && sig.Length == 0)
        {
            error = "a signed value needs \"sig\"";
            return false;
        }

        value = new ValueFields(id, type, data, userType, seq, owner, owner.Length > 0 ? to : null, sig, cypher, prio);
        return true;
    }

    /// <summary>The owner key as OpenDHT prints it: PEM SubjectPublicKeyInfo, 64-column lines, trailing newline.</summary>
    public static string OwnerPem(ReadOnlySpan<byte> owner) =>
        owner.Length > 0 && owner[0] == (byte)'-' ? Encoding.ASCII.GetString(owner) : new string(System.Security.Cryptography.PemEncoding.Write("PUBLIC KEY", owner)) + "\n";

    private static void WriteId(Utf8JsonWriter json, ulong id, bool expired)
    {
        // jsoncpp sorts keys: "expired" comes between "data"/"cypher" and "id".
        if (expired)
        {
            json.WriteBoolean("expired"u8, true);
        }

        json.WriteString("id"u8, id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A number, or (as OpenDHT writes ids) a decimal string.</summary>
    private static bool TryReadUInt64(JsonElement v, out ulong result)
    {
        result = 0;
        return v.ValueKind switch
        {
            JsonValueKind.Number => v.TryGetUInt64(out result),
            JsonValueKind.String => ulong.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out result),
            _ => false,
        };
    }

    private static bool TryReadText(JsonElement v, out byte[] utf8)
    {
        utf8 = v.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(v.GetString()!) : [];
        return v.ValueKind == JsonValueKind.String;
    }

    private static bool TryReadRecipient(JsonElement v, out InfoHash? recipient)
    {
        recipient = null;
        if (v.ValueKind != JsonValueKind.String || !InfoHash.TryParse(v.GetString(), out var parsed))
        {
            return false;
        }

        recipient = parsed;
        return true;
    }

    private static bool TryReadBase64(JsonElement v, out byte[] bytes)
    {
        bytes = [];
        return v.ValueKind == JsonValueKind.String && v.TryGetBytesFromBase64(out bytes!);
    }

    /// <summary>PEM text (what clients send) or, as OpenDHT also accepts, the DER bytes in the string.</summary>
    private static bool TryReadOwner(string text, out byte[] der)
    {
        der = [];
        if (System.Security.Cryptography.PemEncoding.TryFind(text, out var fields))
        {
            if (!text.AsSpan()[fields.Label].SequenceEqual("PUBLIC KEY"))
            {
                return false;
            }

            der = new byte[fields.DecodedDataLength];
            return Convert.TryFromBase64Chars(text.AsSpan()[fields.Base64Data], der, out var written) && written == der.Length;
        }

        der = Encoding.Latin1.GetBytes(text);
        return der.Length > 0;
    }
}
