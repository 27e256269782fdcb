using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace JamiCluster.Interop.Tests.Infrastructure;

/// <summary>HTTP calls to a silo's name server, as the Jami daemon makes them (JSON content type, even on GETs).</summary>
public sealed class NameClient(Uri baseUri) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A reply: status, content type, body text and the Retry-After header (seconds), if any.</summary>
    public sealed record Reply(int Status, string? ContentType, string Body, TimeSpan? RetryAfter = null)
    {
        /// <summary>The body as JSON.</summary>
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    }

    /// <summary>GET <paramref name="path"/> (already escaped).</summary>
    public Task<Reply> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>POST a JSON body.</summary>
    public Task<Reply> PostAsync(string path, JsonNode body) => PostRawAsync(path, body.ToJsonString());

    /// <summary>POST any text as application/json.</summary>
    public Task<Reply> PostRawAsync(string path, string body) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) });

    /// <summary>Sends any request.</summary>
    public async Task<Reply> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request);
            return new Reply((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.Delta);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
