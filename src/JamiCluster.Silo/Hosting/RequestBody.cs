using System.Buffers;

namespace JamiCluster.Silo.Hosting;

/// <summary>Reads a whole request body with a size limit, for the small JSON bodies of the name server and the proxy.</summary>
public static class RequestBody
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/> (declared or actual).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellation)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var body = request.BodyReader;
        while (true)
        {
            var read = await body.ReadAsync(cancellation);
            if (read.Buffer.Length > maxBytes)
            {
                body.AdvanceTo(read.Buffer.Start);
                return null;
            }

            if (read.IsCompleted)
            {
                var bytes = read.Buffer.ToArray();
                body.AdvanceTo(read.Buffer.End);
                return bytes;
            }

            // Ask for more without consuming what we have.
            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }
}
