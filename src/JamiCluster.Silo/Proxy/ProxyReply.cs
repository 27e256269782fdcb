using System.Buffers;
using System.Text.Json;
using JamiCluster.Dht.Values;

namespace JamiCluster.Silo.Proxy;

/// <summary>
/// How the 2.4.12 proxy answers: JSON with <c>Access-Control-Allow-Origin: *</c>; success bodies end in a newline,
/// error bodies are <c>{"err":"…"}</c> without one; value streams are newline-delimited JSON, chunked.
/// </summary>
internal static class ProxyReply
{
    /// <summary>Sets the headers every handled answer carries.</summary>
    public static void Headers(HttpResponse response, int status)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers.AccessControlAllowOrigin = "*";
    }

    /// <summary>An error body. <paramref name="key"/> is "err", or the reference's "err:" typo for bad JSON.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string message, string key = "err")
    {
        Headers(context.Response, status);
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { [key] = message }, ProxyJsonContext.Default.DictionaryStringString);
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>The reference's answer to a path or method it does not route: 501, empty, no CORS.</summary>
    public static Task NotImplementedAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status501NotImplemented;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    /// <summary>One value as a JSON line.</summary>
    public static byte[] Line(DhtValue value, bool expired = false)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + (value.Data.Length * 4 / 3));
        using (var json = new Utf8JsonWriter(buffer))
        {
            ValueJson.Write(json, value, expired);
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
