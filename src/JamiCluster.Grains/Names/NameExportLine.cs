using System.Text.Json.Serialization;

namespace JamiCluster.Grains.Names;

/// <summary>
/// One line of a names export (JSON lines). The field names follow the name-server protocol, so a record from
/// another server's dump (name, addr with or without 0x, publickey, signature, owner) imports as it is.
/// </summary>
public sealed class NameExportLine
{
    /// <summary>Canonical name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>registered (the default when absent), reserved or revoked.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Jami ID, 40 hex.</summary>
    [JsonPropertyName("addr")]
    public string? Addr { get; set; }

    /// <summary>Base64 of the PEM public key.</summary>
    [JsonPropertyName("publickey")]
    public string? PublicKey { get; set; }

    /// <summary>Base64 signature of the name.</summary>
    [JsonPropertyName("signature")]
    public string? Signature { get; set; }

    /// <summary>Legacy owner address.</summary>
    [JsonPropertyName("owner")]
    public string? Owner { get; set; }

    /// <summary>When the record was created.</summary>
    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Operator's reason (reserved, revoked).</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; set; }

    /// <summary>When an operator last changed it.</summary>
    [JsonPropertyName("changed_at")]
    public DateTimeOffset? ChangedAt { get; set; }
}

/// <summary>Source-generated JSON for exports (no reflection).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NameExportLine))]
internal sealed partial class NamesJsonContext : JsonSerializerContext;
