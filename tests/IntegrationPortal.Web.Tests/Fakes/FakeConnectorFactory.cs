using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Sync.Connectors;

namespace IntegrationPortal.Web.Tests.Fakes;

/// <summary>Offers a few GitHub fields for pages that list a tool's fields; it creates no connector.</summary>
public sealed class FakeConnectorFactory : IConnectorFactory
{
    public static readonly FieldDescriptor[] GitHubFields =
    [
        new("title", "Title", FieldKind.Text),
        new("body", "Description", FieldKind.RichText),
        new("state", "State", FieldKind.Choice, ["open", "closed"]),
    ];

    public bool Supports(string toolKey) => toolKey == ToolKeys.GitHub;

    public IReadOnlyList<FieldDescriptor> FieldsOf(string toolKey) => Supports(toolKey) ? GitHubFields : [];

    public IConnector Create(string toolKey, Uri baseUrl, string secret, string? rateBudgetKey = null) =>
        throw new NotSupportedException("Page tests create no connector.");
}
