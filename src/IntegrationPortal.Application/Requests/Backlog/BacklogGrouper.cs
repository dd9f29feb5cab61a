using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Application.Requests.Backlog;

/// <summary>A set of look-alike open requests that IT can decide at once. One request alone is a group of one.</summary>
public sealed record RequestCluster(string ToolPair, string Label, IReadOnlyList<IntegrationRequest> Requests)
{
    /// <summary>The oldest submission of the cluster, which its age and SLA state follow.</summary>
    public DateTimeOffset OldestSubmittedAt => Requests.Min(BacklogGrouper.SubmittedAt);
}

/// <summary>
/// Groups requests by pattern: the connected components of the graph whose edges are
/// <see cref="RequestPattern.AreSimilar"/>. Components make the grouping transitive: when A is like
/// B and B is like C, all three are one decision. They also make it independent of input order, so
/// the same requests always form the same groups, and a new request can join groups but never split one.
/// </summary>
/// <remarks>
/// NOTE: components can chain: a request that shares words with two different patterns joins them
/// into one group. The similarity threshold keeps that rare for real use cases, and the confirmation
/// dialog lists every request, so an admin can act on a selection instead of the whole group.
/// </remarks>
public static class BacklogGrouper
{
    /// <summary>The maximum number of words in a cluster's label.</summary>
    public const int MaxLabelWords = 4;

    /// <summary>
    /// Groups <paramref name="requests"/>. Clusters come oldest first, and each one lists its requests
    /// oldest first. Ties are broken by id, so the same input always gives the same output.
    /// </summary>
    public static IReadOnlyList<RequestCluster> Group(IEnumerable<IntegrationRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var ordered = requests.OrderBy(SubmittedAt).ThenBy(r => r.Id).ToList();
        var clusters = new List<RequestCluster>();
        foreach (var pair in ordered.GroupBy(r => RequestPattern.ToolPair(r.ToolA, r.ToolB)))
        {
            clusters.AddRange(GroupPair(pair.Key, [.. pair]));
        }

        return [.. clusters.OrderBy(c => c.OldestSubmittedAt).ThenBy(c => c.Requests[0].Id)];
    }

    /// <summary>When the request entered the queue: its submission, or its creation for a draft.</summary>
    public static DateTimeOffset SubmittedAt(IntegrationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.SubmittedAt ?? request.CreatedAt;
    }

    /// <summary>
    /// Returns the words that at least half of the requests' use cases share, at most
    /// <see cref="MaxLabelWords"/>. The most frequent come first. Ties keep the order in which the
    /// first request's use case has them, then alphabetical order, so a label reads like a use case.
    /// </summary>
    public static string Label(IReadOnlyList<IntegrationRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var order = requests.Count == 0 ? [] : WordOrder(requests[0].UseCase);
        var words = requests.SelectMany(RequestPattern.PatternWords)
            .GroupBy(word => word, StringComparer.Ordinal)
            .Select(g => (Word: g.Key, Count: g.Count()))
            .Where(w => w.Count * 2 >= requests.Count)
            .OrderByDescending(w => w.Count)
            .ThenBy(w => order.GetValueOrDefault(w.Word, int.MaxValue))
            .ThenBy(w => w.Word, StringComparer.Ordinal)
            .Take(MaxLabelWords)
            .Select(w => w.Word)
            .ToList();
        if (words.Count == 0)
        {
            return "(no common words)";
        }

        // Words are compared with their plural cut ("status" becomes "statu"), so the label shows
        // each one as a requester typed it.
        var typed = TypedForms(requests);
        return string.Join(' ', words.Select(word => typed.GetValueOrDefault(word, word)));
    }

    /// <summary>
    /// Maps each compared word to a form the requests' use cases contain: the word itself when one
    /// of them has it, else the form the oldest request typed, in lower case.
    /// </summary>
    private static Dictionary<string, string> TypedForms(IReadOnlyList<IntegrationRequest> requests)
    {
        var forms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            foreach (var token in Tokens(request.UseCase))
            {
                var typed = token.ToLowerInvariant();
                foreach (var word in RequestPattern.Words(token))
                {
                    if (!forms.TryGetValue(word, out var known) || (known != word && typed == word))
                    {
                        forms[word] = typed;
                    }
                }
            }
        }

        return forms;
    }

    private static string[] Tokens(string useCase) =>
        useCase.Split([' ', ',', '.', ';', ':', '-', '/', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries);

    private static IEnumerable<RequestCluster> GroupPair(string toolPair, List<IntegrationRequest> requests)
    {
        // Word sets are computed once per request; comparing pairs is then set work only.
        var words = requests.Select(RequestPattern.PatternWords).ToList();
        var parent = Enumerable.Range(0, requests.Count).ToArray();
        for (var i = 0; i < requests.Count; i++)
        {
            for (var j = i + 1; j < requests.Count; j++)
            {
                if (RequestPattern.Similarity(words[i], words[j]) >= RequestPattern.SimilarFrom)
                {
                    Union(parent, i, j);
                }
            }
        }

        // Indexes are in request order, so each component keeps its requests oldest first.
        return Enumerable.Range(0, requests.Count)
            .GroupBy(i => Find(parent, i))
            .Select(component => component.Select(i => requests[i]).ToList())
            .Select(members => new RequestCluster(toolPair, Label(members), members));
    }

    /// <summary>Maps each meaningful word of a use case to its position in the text.</summary>
    private static Dictionary<string, int> WordOrder(string useCase)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in Tokens(useCase))
        {
            foreach (var word in RequestPattern.Words(token))
            {
                order.TryAdd(word, order.Count);
            }
        }

        return order;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var rootA = Find(parent, a);
        var rootB = Find(parent, b);

        // The smaller index becomes the root, so a component's key is its oldest request.
        if (rootA < rootB)
        {
            parent[rootB] = rootA;
        }
        else if (rootB < rootA)
        {
            parent[rootA] = rootB;
        }
    }
}
