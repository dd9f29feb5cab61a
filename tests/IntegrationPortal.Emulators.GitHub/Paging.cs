using System.Globalization;

namespace IntegrationPortal.Emulators.GitHub;

/// <summary>
/// Applies GitHub's <c>per_page</c> and <c>page</c> parameters and writes the <c>Link</c> header with
/// rel prev, next, last and first in the order the recorded api.github.com responses use. With a
/// first page size, page 1 contains fewer items than <c>per_page</c> and later pages follow on from it,
/// so a client that stops at a short page instead of following the next link misses items.
/// </summary>
internal static class Paging
{
    public const int DefaultPerPage = 30;

    public static IReadOnlyList<T> Slice<T>(HttpContext context, IReadOnlyList<T> items, int maxPerPage, int? firstPageSize = null)
    {
        var query = context.Request.Query;
        var perPage = ParsePositive(query["per_page"], DefaultPerPage);
        perPage = Math.Min(perPage, maxPerPage);
        var page = ParsePositive(query["page"], 1);
        var firstSize = Math.Min(firstPageSize ?? perPage, perPage);
        var rest = Math.Max(0, items.Count - firstSize);
        var lastPage = 1 + ((rest + perPage - 1) / perPage);

        var links = new List<string>();
        if (page > 1)
        {
            links.Add(Link(context, Math.Min(page - 1, lastPage), "prev"));
        }

        if (page < lastPage)
        {
            links.Add(Link(context, page + 1, "next"));
            links.Add(Link(context, lastPage, "last"));
        }

        if (page > 1)
        {
            links.Add(Link(context, 1, "first"));
        }

        if (links.Count > 0)
        {
            context.Response.Headers["Link"] = string.Join(", ", links);
        }

        var skip = page == 1 ? 0 : firstSize + ((long)(page - 2) * perPage);
        var take = page == 1 ? firstSize : perPage;
        return skip >= items.Count ? [] : items.Skip((int)skip).Take(take).ToList();
    }

    private static int ParsePositive(string? text, int fallback) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    /// <summary>Builds the request URL with every query parameter kept in order and <c>page</c> replaced.</summary>
    private static string Link(HttpContext context, int page, string relation)
    {
        var request = context.Request;
        var parameters = (request.QueryString.Value ?? string.Empty).TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(parameter => !parameter.Equals("page", StringComparison.Ordinal) && !parameter.StartsWith("page=", StringComparison.Ordinal))
            .Append("page=" + page.ToString(CultureInfo.InvariantCulture));
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join('&', parameters)}";
        return $"<{url}>; rel=\"{relation}\"";
    }
}
