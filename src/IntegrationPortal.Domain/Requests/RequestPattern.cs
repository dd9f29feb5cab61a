using System.Globalization;
using System.Text;

namespace IntegrationPortal.Domain.Requests;

/// <summary>
/// What makes two requests look alike: the same pair of tools, in either order, and use cases that
/// share most of their meaningful words. The IT queue groups by it and the wizard suggests by it.
/// </summary>
public static class RequestPattern
{
    /// <summary>The share of shared words (Jaccard index) from which two use cases count as similar.</summary>
    public const double SimilarFrom = 0.5;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "between", "by", "for", "from", "in", "into", "is", "it",
        "of", "on", "or", "our", "so", "that", "the", "their", "them", "this", "to", "we", "with", "want",
        "need", "needs", "like", "would", "please", "all", "each", "every", "its", "two", "way", "both",

        // Verbs that nearly every integration request uses, so a shared one carries no information about the pattern.
        "sync", "synced", "syncing", "synchronize", "synchronise", "copy", "copied", "mirror", "mirrored",
        "push", "send", "keep", "get", "automatically", "new",
    };

    /// <summary>The tool pair in a fixed order, so "GitHub and Redmine" and "Redmine and GitHub" are one pair.</summary>
    public static string ToolPair(string toolA, string toolB)
    {
        ArgumentNullException.ThrowIfNull(toolA);
        ArgumentNullException.ThrowIfNull(toolB);
        var a = toolA.Trim().ToLowerInvariant();
        var b = toolB.Trim().ToLowerInvariant();
        return string.CompareOrdinal(a, b) <= 0 ? $"{a}+{b}" : $"{b}+{a}";
    }

    /// <summary>
    /// The meaningful words of a use case: lower case, accents and punctuation removed, stop words
    /// dropped, and a plural cut so "issues" and "issue", "entries" and "entry" count as one word.
    /// </summary>
    public static IReadOnlySet<string> Words(string useCase)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        var words = new HashSet<string>(StringComparer.Ordinal);
        var current = new StringBuilder();
        foreach (var c in useCase.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else
            {
                Flush(current, words);
            }
        }

        Flush(current, words);
        return words;
    }

    /// <summary>The Jaccard index of two use cases' words, from 0 (nothing shared) to 1 (the same words).</summary>
    public static double Similarity(string useCaseA, string useCaseB)
    {
        return Similarity(Words(useCaseA), Words(useCaseB));
    }

    /// <summary>The Jaccard index of two word sets that <see cref="Words"/> or <see cref="PatternWords(IntegrationRequest)"/> returned.</summary>
    public static double Similarity(IReadOnlySet<string> wordsA, IReadOnlySet<string> wordsB)
    {
        ArgumentNullException.ThrowIfNull(wordsA);
        ArgumentNullException.ThrowIfNull(wordsB);
        if (wordsA.Count == 0 && wordsB.Count == 0)
        {
            return 1;
        }

        var shared = wordsA.Count(wordsB.Contains);
        return (double)shared / (wordsA.Count + wordsB.Count - shared);
    }

    /// <summary>
    /// The words of a request's use case without the names of its own two tools. Requests are
    /// compared only within one tool pair, so "Redmine" and "GitHub" in both texts would make
    /// "Redmine wiki to GitHub" look like "Redmine bugs to GitHub".
    /// </summary>
    public static IReadOnlySet<string> PatternWords(IntegrationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PatternWords(request.UseCase, request.ToolA, request.ToolB);
    }

    /// <summary>The words of a use case without the names of the two tools it connects, as for a saved request.</summary>
    public static IReadOnlySet<string> PatternWords(string useCase, string toolA, string toolB)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        var words = new HashSet<string>(Words(useCase), StringComparer.Ordinal);
        words.ExceptWith(Words(toolA + " " + toolB));
        return words;
    }

    /// <summary>True when both requests connect the same tools and their use cases, without the tool names, are similar.</summary>
    public static bool AreSimilar(IntegrationRequest first, IntegrationRequest second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return ToolPair(first.ToolA, first.ToolB) == ToolPair(second.ToolA, second.ToolB)
            && Similarity(PatternWords(first), PatternWords(second)) >= SimilarFrom;
    }

    private static void Flush(StringBuilder current, HashSet<string> words)
    {
        if (current.Length == 0)
        {
            return;
        }

        var word = current.ToString();
        current.Clear();

        // The stop word check runs before the plural cut too, or "this" would become "thi" and stay.
        if (StopWords.Contains(word))
        {
            return;
        }

        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            word = word[..^3] + "y";
        }
        else if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
        {
            word = word[..^1];
        }

        if (!StopWords.Contains(word))
        {
            words.Add(word);
        }
    }
}
