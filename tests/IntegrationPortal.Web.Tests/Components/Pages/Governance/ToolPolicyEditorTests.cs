using Bunit;
using IntegrationPortal.Application.Policies;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Web.Components.Pages.Governance;

namespace IntegrationPortal.Web.Tests.Components.Pages.Governance;

/// <summary>The policy editor: field rows, preview before save, and what the save sends.</summary>
public sealed class ToolPolicyEditorTests : PortalTestContext
{
    private const string Violation = "GitHub's field Status may not be read or written by flows; IT set it to never sync.";

    [Fact]
    public void Editor_lists_discovered_fields_and_source()
    {
        RenderProviders();
        var cut = Render<ToolPolicyEditor>(p => p.Add(c => c.ToolKey, ToolKeys.GitHub));

        var rows = cut.FindAll("[data-testid=field-rule-row]");

        Assert.Equal(["title", "status", "labels"], rows.Select(r => r.GetAttribute("data-field")));
        Assert.Contains("Engineering GitHub", cut.Find("#policy-fields-source").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Editor_explains_fields_without_connection()
    {
        Policies.Policies[ToolKeys.GitHub] = Policies.Policies[ToolKeys.GitHub] with
        {
            FieldsConnection = null,
            FieldsNote = "No connection to this tool exists yet, so the list shows the fields the portal's connector knows.",
        };
        RenderProviders();
        var cut = Render<ToolPolicyEditor>(p => p.Add(c => c.ToolKey, ToolKeys.GitHub));

        Assert.Contains("No connection to this tool exists yet", cut.Find("#policy-fields-source").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_shows_affected_flows_and_requests()
    {
        Policies.Impact = new PolicyImpactDto(
            [new AffectedFlowDto(Guid.NewGuid(), "Support to engineering", "rita@example.com", FlowStatus.Active, [Violation], false)],
            [new AffectedRequestDto(Guid.NewGuid(), "Mirror states", "sam@example.com", RequestStatus.NeedsInformation, [Violation])]);
        RenderProviders();
        var cut = Render<ToolPolicyEditor>(p => p.Add(c => c.ToolKey, ToolKeys.GitHub));

        await cut.SelectAsync("field-access-status", (FieldAccess?)FieldAccess.Never);
        await cut.Find("#policy-preview").ClickAsync(new());

        var sent = Assert.Single(Policies.Previews);
        var rule = Assert.Single(sent.Fields);
        var flowRow = cut.Find("[data-testid=impact-flow-row]").TextContent;
        Assert.Equal("status", rule.Field);
        Assert.Equal(FieldAccess.Never, rule.Access);
        Assert.Contains("Support to engineering", flowRow, StringComparison.Ordinal);
        Assert.Contains("rita@example.com", flowRow, StringComparison.Ordinal);
        Assert.Contains(Violation, flowRow, StringComparison.Ordinal);
        Assert.Contains("Pauses when you save.", flowRow, StringComparison.Ordinal);
        var requestRow = cut.Find("[data-testid=impact-request-row]").TextContent;
        Assert.Contains("Mirror states", requestRow, StringComparison.Ordinal);
        Assert.Contains("waiting for information", requestRow, StringComparison.Ordinal);
        Assert.DoesNotContain("NeedsInformation", requestRow, StringComparison.Ordinal);
        Assert.Empty(Policies.Saves);
    }

    [Fact]
    public async Task Save_needs_current_preview_first()
    {
        Policies.SaveResult = new PolicySaveResult(true, false, 1);
        RenderProviders();
        var cut = Render<ToolPolicyEditor>(p => p.Add(c => c.ToolKey, ToolKeys.GitHub));
        await cut.SelectAsync("field-access-status", (FieldAccess?)FieldAccess.ReadOnly);

        await cut.Find("#policy-save").ClickAsync(new());
        var afterFirstPress = Policies.Saves.Count;
        await cut.SelectAsync("field-classification-title", DataClassification.Confidential);
        await cut.Find("#policy-save").ClickAsync(new());
        var afterChange = Policies.Saves.Count;
        await cut.Find("#policy-save").ClickAsync(new());

        Assert.Equal(0, afterFirstPress);
        Assert.Equal(0, afterChange);
        Assert.Equal(2, Policies.Previews.Count);
        var saved = Assert.Single(Policies.Saves);
        Assert.Equal(2, saved.Fields.Count);
        Assert.Contains(saved.Fields, f => f.Field == "title" && f.Access is null && f.Classification == DataClassification.Confidential);
        Assert.Contains(saved.Fields, f => f.Field == "status" && f.Access == FieldAccess.ReadOnly);
    }

    [Fact]
    public async Task Save_sends_default_access_and_scope()
    {
        RenderProviders();
        var cut = Render<ToolPolicyEditor>(p => p.Add(c => c.ToolKey, ToolKeys.GitHub));

        await cut.SelectAsync("policy-default-access", FieldAccess.Never);
        cut.Find("#scope-containers").Change("acme/web\n acme/api \n");
        await cut.Find("#scope-excluded-add").ClickAsync(new());
        cut.Find("[data-testid=scope-excluded-value]").Change("security");
        await cut.Find("#policy-preview").ClickAsync(new());
        await cut.Find("#policy-save").ClickAsync(new());

        var saved = Assert.Single(Policies.Saves);
        var excluded = Assert.Single(saved.Excluded);
        Assert.Equal(FieldAccess.Never, saved.DefaultAccess);
        Assert.Empty(saved.Fields);
        Assert.Equal(["acme/web", "acme/api"], saved.AllowedContainers);
        Assert.Equal("labels", excluded.Field);
        Assert.Equal("security", excluded.Value);
    }

    [Fact]
    public async Task Type_rule_is_sent_with_item_type()
    {
        RenderProviders();
        var cut = Render<ToolPolicyEditor>(p => p.Add(c => c.ToolKey, ToolKeys.GitHub));

        await cut.Find("#type-rule-add").ClickAsync(new());
        await cut.SelectAsync("type-rule-type", "Pull request");
        await cut.SelectAsync("type-rule-access", (FieldAccess?)FieldAccess.Never);
        await cut.Find("#policy-preview").ClickAsync(new());

        var rule = Assert.Single(Assert.Single(Policies.Previews).Fields);
        Assert.Equal("title", rule.Field);
        Assert.Equal("Pull request", rule.ItemType);
        Assert.Equal(FieldAccess.Never, rule.Access);
    }

    [Fact]
    public void List_links_each_tool()
    {
        RenderProviders();
        var cut = Render<IntegrationPortal.Web.Components.Pages.Governance.Policies>();

        var link = cut.Find("#policy-tool-github");

        Assert.Equal("/governance/policies/github", link.GetAttribute("href"));
        Assert.Contains("Sync both ways", cut.Find("#policy-tool-table").TextContent, StringComparison.Ordinal);
    }
}
