using System.Net;
using System.Net.Http.Headers;

namespace JamiCluster.LoadGen.Names;

/// <summary>Registers the catalog through the real <c>POST /name/{name}</c> and checks lookup answers against it.</summary>
public sealed class NameClient(Uri baseUri) : IDisposable
{
    private const int Parallelism = 4;

    private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Registers every account; throws on the first answer that is not 200 <c>{"success":true}</c>.</summary>
    public Task RegisterAllAsync(NameCatalog catalog) =>
        Parallel.ForEachAsync(catalog.Accounts, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (account, token) =>
        {
            using var content = new ByteArrayContent(account.RegistrationBody());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(new Uri("/name/" + account.Name, UriKind.Relative), content, token);
            var body = await response.Content.ReadAsStringAsync(token);
            if (response.StatusCode != HttpStatusCode.OK || body != """{"success":true}""")
            {
                throw new InvalidOperationException($"registering {account.Name}: {(int)response.StatusCode} {body}");
            }
        });

    /// <summary>The raw answer to <c>GET /name/{name}</c>.</summary>
    public async Task<(HttpStatusCode Status, byte[] Body)> LookupAsync(string name)
    {
        using var response = await _http.GetAsync(new Uri("/name/" + name, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>
    /// Looks up <paramref name="sample"/> registered names and every unknown one. A registered name must come back as
    /// 200 with exactly its account's record, an unknown one as 404 with the lookup error body.
    /// </summary>
    public async Task<SampleCheck> CheckSampleAsync(NameCatalog catalog, int sample, int seed)
    {
        var random = new Random(seed);
        var check = new SampleCheck();
        for (var i = 0; i < sample; i++)
        {
            var account = catalog.Accounts[random.Next(catalog.Accounts.Count)];
            var (status, body) = await LookupAsync(account.Name);
            var right = status == HttpStatusCode.OK && account.Matches(body);
            check.Add(right, right && body.AsSpan().SequenceEqual(catalog.Bodies[account.Name]), $"{account.Name}: {(int)status}");
        }

        foreach (var name in catalog.UnknownNames)
        {
            var (status, body) = await LookupAsync(name);
            var right = status == HttpStatusCode.NotFound && body.AsSpan().SequenceEqual(NameCatalog.NotFoundBody);
            check.Add(right, right, $"{name}: {(int)status}");
        }

        return check;
    }

    public void Dispose() => _http.Dispose();
}
