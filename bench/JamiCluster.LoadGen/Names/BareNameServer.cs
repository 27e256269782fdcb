using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace JamiCluster.LoadGen.Names;

/// <summary>
/// The anchor of the <c>names</c> benchmark: a bare Kestrel minimal API serving <c>GET /name/{name}</c> from a
/// dictionary of precomputed bodies. No Orleans, no name policy, no metrics: what Kestrel itself costs per lookup.
/// </summary>
public static class BareNameServer
{
    public static WebApplication Build(int port, IReadOnlyDictionary<string, byte[]> bodies)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapGet("/name/{name}", (string name, HttpResponse response) =>
        {
            var found = bodies.TryGetValue(name, out var body);
            body ??= NameCatalog.NotFoundBody;
            response.StatusCode = found ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
            response.ContentType = "application/json";
            response.ContentLength = body.Length;
            return response.Body.WriteAsync(body).AsTask();
        });
        return app;
    }

    /// <summary>Reads the file <see cref="NameCatalog.WriteBodies"/> wrote: one lookup body per line, keyed by its <c>name</c>.</summary>
    public static Dictionary<string, byte[]> ReadBodies(string path)
    {
        var bodies = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var name = doc.RootElement.GetProperty("name").GetString() ?? throw new InvalidOperationException($"{path}: a body without a name");
            bodies[name] = System.Text.Encoding.UTF8.GetBytes(line);
        }

        return bodies;
    }
}
