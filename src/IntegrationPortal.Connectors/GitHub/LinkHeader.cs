namespace IntegrationPortal.Connectors.GitHub;

/// <summary>Reads the RFC 8288 <c>Link</c> header that GitHub uses for paging.</summary>
internal static class LinkHeader
{
    /// <summary>Returns the target of the link with <c>rel="next"</c>, or null on the last page.</summary>
    public static Uri? GetNext(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var link in values.SelectMany(value => value.Split(',')))
        {
            var parts = link.Split(';');
            var target = parts[0].Trim();
            if (target.Length < 2 || target[0] != '<' || target[^1] != '>')
            {
                continue;
            }

            var isNext = parts.Skip(1)
                .Select(parameter => parameter.Trim().Replace(" ", string.Empty, StringComparison.Ordinal))
                .Any(parameter => parameter is "rel=\"next\"" or "rel=next");
            if (isNext && Uri.TryCreate(target[1..^1], UriKind.Absolute, out var next))
            {
                return next;
            }
        }

        return null;
    }
}
