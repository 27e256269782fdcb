using System.Diagnostics;
using System.Text.Json;
using System.Threading.RateLimiting;
using JamiCluster.Grains.Names;

namespace JamiCluster.Silo.Names;

/// <summary>
/// The Jami name-server protocol (../specs/name-server.md): <c>GET /name/{name}</c>, <c>GET /addr/{addr}</c>,
/// <c>POST /name/{name}</c>, and the reference's <c>GET /name/{name}/publickey|signature|owner</c>. Served on the
/// name-server port only: its routes would collide with the DHT proxy's, so the port, not the path, selects it.
/// Every answer is JSON, with the reference's body shapes and the status codes the client maps to its results.
/// </summary>
public sealed class NameEndpoints(IGrainFactory grains, NameRules rules, NameLookupCache cache, NamesMetrics metrics, IOptions<NameServerOptions> options, ILogger<NameEndpoints> logger)
{
    private readonly NameServerOptions _options = options.Value;
    private readonly PartitionedRateLimiter<IPAddress> _registrations = PartitionedRateLimiter.Create<IPAddress, IPAddress>(ip =>
        RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RegistrationsPerMinutePerIp,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Answers one request on the name-server port.</summary>
    public Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var method = context.Request.Method;
        if (Segment(path, "/name/") is { } rest)
        {
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? LookupNameAsync(context, rest, null)
                    : HttpMethods.IsPost(method) ? RegisterAsync(context, rest)
                    : NotAllowedAsync(context, "GET, HEAD, POST");
            }

            var field = rest[(slash + 1)..];
            if (field is "publickey" or "signature" or "owner")
            {
                return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? LookupNameAsync(context, rest[..slash], field) : NotAllowedAsync(context, "GET, HEAD");
            }
        }
        else if (Segment(path, "/addr/") is { } addr && !addr.Contains('/', StringComparison.Ordinal))
        {
            return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? LookupAddressAsync(context, addr) : NotAllowedAsync(context, "GET, HEAD");
        }

        return JsonReply.ErrorAsync(context, StatusCodes.Status404NotFound, "no such endpoint");
    }

    private Task LookupNameAsync(HttpContext context, string name, string? field)
    {
        // A name that breaks the policy can never be registered: a plain "not found" (the client reads 400 as a broken server).
        return rules.Canonicalize(name) is { } canonical
            ? LookupAsync(context, "name", canonical, field, static (grains, key) => grains.GetGrain<INameGrain>(key).GetAsync())
            : NotFoundAsync(context, "name", "invalid", "name not registered", Stopwatch.GetTimestamp());
    }

    private Task LookupAddressAsync(HttpContext context, string text)
    {
        if (NameAddress.Parse(text) is { } addr)
        {
            return LookupAsync(context, "addr", addr, null, static (grains, key) => grains.GetGrain<IAddressGrain>(key).GetAsync());
        }

        metrics.Lookup("addr", "invalid", 0);
        return JsonReply.FailureAsync(context, StatusCodes.Status400BadRequest, "invalid address");
    }

    /// <summary>One lookup: the silo's cache, else one grain call; <paramref name="field"/> asks for one field of a name.</summary>
    private async Task LookupAsync(HttpContext context, string kind, string key, string? field, Func<IGrainFactory, string, Task<NameRecord?>> fetch)
    {
        var started = Stopwatch.GetTimestamp();
        var cacheKey = field is null ? string.Concat(kind, ":", key) : null;
        if (cacheKey is not null && cache.TryGet(cacheKey, out var cached))
        {
            await JsonReply.BodyAsync(context, cached);
            metrics.Lookup(kind, "found", Stopwatch.GetElapsedTime(started).TotalSeconds);
            return;
        }

        NameRecord? record;
        try
        {
            record = await fetch(grains, key);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            metrics.Lookup(kind, "error", Stopwatch.GetElapsedTime(started).TotalSeconds);
            await UnavailableAsync(context, kind + " lookup", e);
            return;
        }

        if (record is not { IsRegistered: true } || (field is not null && JsonReply.Field(record, field) is null))
        {
            await NotFoundAsync(context, kind, "not_found", kind == "name" ? "name not registered" : "address not registered", started);
            return;
        }

        if (field is not null)
        {
            await JsonReply.FieldAsync(context, record, field);
        }
        else
        {
            var body = kind == "name" ? JsonReply.RecordBody(record) : JsonReply.NameBody(record.Name);
            cache.Set(cacheKey!, body);
            await JsonReply.BodyAsync(context, body);
        }

        metrics.Lookup(kind, "found", Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private async Task NotFoundAsync(HttpContext context, string kind, string outcome, string error, long started)
    {
        await JsonReply.ErrorAsync(context, StatusCodes.Status404NotFound, error);
        metrics.Lookup(kind, outcome, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private async Task RegisterAsync(HttpContext context, string name)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = await TryRegisterAsync(context, name);
        metrics.Registration(outcome, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private async Task<string> TryRegisterAsync(HttpContext context, string name)
    {
        using var lease = _registrations.AttemptAcquire(context.Connection.RemoteIpAddress ?? IPAddress.None);
        if (!lease.IsAcquired)
        {
            context.Response.Headers.RetryAfter = "60";
            await JsonReply.FailureAsync(context, StatusCodes.Status429TooManyRequests, "too many registrations from this address, try again later");
            return "rate_limited";
        }

        var (registration, problem) = await NameRequestReader.ReadAsync(context.Request, name, _options.MaxBodyBytes, context.RequestAborted);
        var refusal = problem switch
        {
            NameRequestReader.Problem.TooLarge => (StatusCodes.Status413PayloadTooLarge, "request body too large"),
            NameRequestReader.Problem.BadJson => (StatusCodes.Status400BadRequest, "body is not a JSON object"),
            NameRequestReader.Problem.BadAddr => (StatusCodes.Status400BadRequest, "addr missing or invalid"),
            NameRequestReader.Problem.BadOwner => (StatusCodes.Status400BadRequest, "no owner"),
            NameRequestReader.Problem.MissingKey => (StatusCodes.Status400BadRequest, "publickey not found or invalid"),
            NameRequestReader.Problem.MissingSignature => (StatusCodes.Status400BadRequest, "signature not found or invalid"),
            _ => ((int Status, string Error)?)null,
        };
        if (refusal is { } r)
        {
            await JsonReply.FailureAsync(context, r.Status, r.Error);
            return "bad_request";
        }

        if (!rules.IsCanonical(name))
        {
            await JsonReply.FailureAsync(context, StatusCodes.Status400BadRequest, "invalid name");
            return "invalid_name";
        }

        RegistrationResult result;
        try
        {
            result = await grains.GetGrain<INameGrain>(name).RegisterAsync(registration!);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await UnavailableAsync(context, "registration", e);
            return "error";
        }

        NamesLog.Registration(logger, name, registration!.Addr, result.Outcome);
        await JsonReply.RegistrationAsync(context, result);
        return JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Outcome.ToString());
    }

    private Task UnavailableAsync(HttpContext context, string operation, Exception e)
    {
        // The grain or the database is unreachable: tell the client to come back instead of giving a false answer.
        NamesLog.BackendFailed(logger, operation, e.Message);
        context.Response.Headers.RetryAfter = "5";
        return JsonReply.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "server error");
    }

    private static Task NotAllowedAsync(HttpContext context, string allow)
    {
        context.Response.Headers.Allow = allow;
        return JsonReply.ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "method not allowed");
    }

    /// <summary>The rest of <paramref name="path"/> after <paramref name="prefix"/>, or null when absent or empty.</summary>
    private static string? Segment(string path, string prefix) =>
        path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : null;
}
