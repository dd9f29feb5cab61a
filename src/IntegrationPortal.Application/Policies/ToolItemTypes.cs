using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;

namespace IntegrationPortal.Application.Policies;

/// <summary>
/// The item types of each tool as the portal models them: the types IT can write rules for, the
/// field that carries an item's type, and which types a flow's connector actually syncs.
/// </summary>
public static class ToolItemTypes
{
    public const string GitHubIssue = "Issue";
    public const string GitHubPullRequest = "Pull request";

    /// <summary>
    /// Returns the item types offered in the policy editor. Redmine's trackers are configured per
    /// instance, so for Redmine the list is empty and IT types the tracker's name.
    /// </summary>
    public static IReadOnlyList<string> KnownTypes(string toolKey) => toolKey switch
    {
        ToolKeys.GitHub => [GitHubIssue, GitHubPullRequest],
        _ => [],
    };

    /// <summary>Returns the key of the field that contains an item's type, or null when the type is not a field.</summary>
    public static string? TypeField(string toolKey) => toolKey == ToolKeys.Redmine ? "tracker" : null;

    /// <summary>Returns "repository" or "project", the word users know for the tool's containers.</summary>
    public static string ContainerNoun(string toolKey) => toolKey == ToolKeys.GitHub ? "repository" : "project";

    /// <summary>
    /// Returns the item types a flow can touch on one side, or null for every type. The GitHub
    /// connector reads issues only and skips pull requests. On Redmine a filter on the tracker, by the
    /// flow or required by IT, limits the flow to that tracker.
    /// </summary>
    public static IReadOnlyCollection<string>? TouchedBy(string toolKey, ScopeSide side, ItemScope? flowScope, ToolPolicy? policy)
    {
        if (toolKey == ToolKeys.GitHub)
        {
            return [GitHubIssue];
        }

        if (TypeField(toolKey) is not { } typeField)
        {
            return null;
        }

        if (flowScope is not null && flowScope.Side == side && string.Equals(flowScope.Field, typeField, StringComparison.OrdinalIgnoreCase))
        {
            return [flowScope.Value.Trim()];
        }

        return policy?.Scope.Required is { } required && string.Equals(required.Field, typeField, StringComparison.OrdinalIgnoreCase)
            ? [required.Value.Trim()]
            : null;
    }
}
