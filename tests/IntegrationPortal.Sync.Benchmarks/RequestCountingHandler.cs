namespace IntegrationPortal.Sync.Benchmarks;

/// <summary>
/// Counts the HTTP requests that a client sends, by method. It sits inside the connectors' retry
/// handler, so every attempt that goes on the wire is counted, retries included.
/// </summary>
public sealed class RequestCountingHandler : DelegatingHandler
{
    private int _gets;
    private int _posts;
    private int _patches;
    private int _others;

    public RequestCounts Snapshot() =>
        new(Volatile.Read(ref _gets), Volatile.Read(ref _posts), Volatile.Read(ref _patches), Volatile.Read(ref _others));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == HttpMethod.Get)
        {
            Interlocked.Increment(ref _gets);
        }
        else if (request.Method == HttpMethod.Post)
        {
            Interlocked.Increment(ref _posts);
        }
        else if (request.Method == HttpMethod.Patch)
        {
            Interlocked.Increment(ref _patches);
        }
        else
        {
            Interlocked.Increment(ref _others);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Requests sent by method. <see cref="Writes"/> is POST plus PATCH.</summary>
public sealed record RequestCounts(int Gets, int Posts, int Patches, int Others)
{
    public int Writes => Posts + Patches;

    public static RequestCounts operator -(RequestCounts after, RequestCounts before)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(before);
        return new(after.Gets - before.Gets, after.Posts - before.Posts, after.Patches - before.Patches, after.Others - before.Others);
    }
}
