using System.Text.Json;

namespace JamiCluster.Grains.Tests.Support;

/// <summary>The registration in ../shared/specs/name-server-testvector.json (RSA-4096, made with openssl).</summary>
public static class TestVector
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Support", "name-server-testvector.json"))).RootElement);

    /// <summary>The name.</summary>
    public static string Name => Root.Value.GetProperty("name").GetString()!;

    /// <summary>A field of the request body (addr, owner, signature, publickey).</summary>
    public static string Body(string field) => Root.Value.GetProperty("request").GetProperty("body").GetProperty(field).GetString()!;

    /// <summary>The registration as the HTTP layer hands it to the grain.</summary>
    public static NameRegistration Registration => new(Name, Body("addr"), Body("publickey"), Body("signature"), Body("owner"));
}
