using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace JamiCluster.LoadGen.Names;

/// <summary>
/// One Jami account as the name server sees it: <c>addr</c> = hex(SHA-1(DER SubjectPublicKeyInfo)), <c>publickey</c> =
/// base64 of the "PUBLIC KEY" PEM, <c>signature</c> = base64 of RSA PKCS#1 v1.5 SHA-512 over the UTF-8 name
/// (/work/shared/specs/name-server.md §2.3).
/// </summary>
public sealed record NameAccount(string Name, string Addr, string PublicKey, string Signature, string Owner)
{
    public static NameAccount Create(string name, int keyBits)
    {
        using var rsa = RSA.Create(keyBits);
        var spki = rsa.ExportSubjectPublicKeyInfo();
        var pem = PemEncoding.WriteString("PUBLIC KEY", spki) + "\n";
        var signature = rsa.SignData(Encoding.UTF8.GetBytes(name), HashAlgorithmName.SHA512, RSASignaturePadding.Pkcs1);
        return new NameAccount(
            name,
            Convert.ToHexStringLower(SHA1.HashData(spki)),
            Convert.ToBase64String(Encoding.ASCII.GetBytes(pem)),
            Convert.ToBase64String(signature),
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)));
    }

    /// <summary>The body of <c>POST /name/{name}</c>, with the four keys the Jami daemon sends.</summary>
    public byte[] RegistrationBody() => Json(json =>
    {
        json.WriteString("addr", Addr);
        json.WriteString("owner", Owner);
        json.WriteString("signature", Signature);
        json.WriteString("publickey", PublicKey);
    });

    /// <summary>The expected body of <c>GET /name/{name}</c>, written the way the silo writes it (Utf8JsonWriter defaults).</summary>
    public byte[] LookupBody() => Json(json =>
    {
        json.WriteString("name", Name);
        json.WriteString("addr", "0x" + Addr);
        json.WriteString("publickey", PublicKey);
        json.WriteString("signature", Signature);
    });

    /// <summary>True when <paramref name="body"/> is a lookup reply carrying exactly this account's record.</summary>
    public bool Matches(ReadOnlySpan<byte> body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body.ToArray());
            var root = doc.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.EnumerateObject().Count() == 4 &&
                Field(root, "name") == Name && Field(root, "addr") == "0x" + Addr &&
                Field(root, "publickey") == PublicKey && Field(root, "signature") == Signature;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static byte[] Json(Action<Utf8JsonWriter> body)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string? Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
