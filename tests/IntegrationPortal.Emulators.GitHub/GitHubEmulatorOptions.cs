namespace IntegrationPortal.Emulators.GitHub;

/// <summary>Settings of a <see cref="GitHubEmulator"/>; the defaults match GitHub's documented behaviour.</summary>
public sealed class GitHubEmulatorOptions
{
    /// <summary>Maximum <c>per_page</c> value; GitHub caps it at 100. Tests lower it to page with few issues.</summary>
    public int MaxPerPage { get; set; } = 100;

    /// <summary>
    /// When set, page 1 of every list contains at most this many items and still links to the next page,
    /// as GitHub can return a page shorter than <c>per_page</c> that is not the last. Null pages evenly.
    /// </summary>
    public int? FirstPageSize { get; set; }

    /// <summary>Tokens accepted in <c>Authorization: Bearer</c> or <c>Authorization: token</c>.</summary>
    public IReadOnlyCollection<string> Tokens { get; set; } = [GitHubEmulator.DefaultToken];

    /// <summary>
    /// Expiry times of tokens that have one. A request with such a token gets the
    /// <c>github-authentication-token-expiration</c> header, as GitHub sends it ("2026-10-07 19:07:53 UTC").
    /// </summary>
    public IDictionary<string, DateTimeOffset> TokenExpirations { get; } = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);

    /// <summary>Login that <c>GET /user</c> returns and that authors new issues.</summary>
    public string Login { get; set; } = "portal-bot";

    /// <summary>Clock for <c>updated_at</c> and the rate-limit window.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Called with the method and path of each API request before the emulator handles it, so a
    /// test can act while a client is in the middle of its work, for example inject a fault.
    /// </summary>
    public Func<string, string, Task>? BeforeRequest { get; set; }
}
