using System.Text.Json.Serialization;

namespace JamiCluster.Silo.Proxy;

/// <summary>Source-generated JSON for the proxy's small bodies.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ProxyJsonContext : JsonSerializerContext;
