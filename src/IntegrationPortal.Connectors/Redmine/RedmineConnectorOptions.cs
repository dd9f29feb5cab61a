using IntegrationPortal.Sync.Values;

namespace IntegrationPortal.Connectors.Redmine;

/// <summary>
/// Settings of every Redmine connection, from the configuration section "Connectors:Redmine".
/// </summary>
public sealed class RedmineConnectorOptions
{
    public const string SectionName = "Connectors:Redmine";

    /// <summary>
    /// The markup that Redmine stores descriptions in: "textile" (Redmine's default), "markdown" or
    /// "common_mark", the names of Redmine's setting Administration > Settings > General > Text
    /// formatting. It must match that setting, because the REST API does not return it.
    /// </summary>
    public string TextFormatting { get; set; } = "textile";

    /// <summary>Returns the rich text format for <see cref="TextFormatting"/>, or throws when it is not a known name.</summary>
    public RichTextFormat ToRichTextFormat() => TextFormatting.Trim().ToLowerInvariant() switch
    {
        "textile" => RichTextFormat.RedmineTextile,
        "markdown" or "common_mark" => RichTextFormat.RedmineMarkdown,
        _ => throw new InvalidOperationException(
            $"{SectionName}:TextFormatting '{TextFormatting}' is invalid. Use textile, markdown or common_mark, "
            + "as set in Redmine under Administration > Settings > General > Text formatting."),
    };
}
