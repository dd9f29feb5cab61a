using Bunit;
using IntegrationPortal.Application.Conflicts;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Conflicts;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Web.Components.Pages.Conflicts;

namespace IntegrationPortal.Web.Tests.Components.Pages.Conflicts;

public sealed class ConflictQueueTests : PortalTestContext
{
    private static readonly Guid FlowId = Guid.NewGuid();
    private static readonly Guid TitleId = Guid.NewGuid();
    private static readonly Guid StatusId = Guid.NewGuid();

    public ConflictQueueTests()
    {
        Conflicts.Open.Add(Conflict(TitleId, "title", "Printer stalls", "Printer stalls on tray 2", "rita", null, [], canResolve: true));
        Conflicts.Open.Add(Conflict(StatusId, "status", "Closed", "open", null, "omar", ["New", "Closed"], canResolve: true));
        Conflicts.Open.Add(Conflict(Guid.NewGuid(), "title", "Other flow", "Other flow B", null, null, [], canResolve: true, flowId: Guid.NewGuid()));
    }

    [Fact]
    public void Queue_ShowsBothSides()
    {
        RenderProviders();
        var cut = Render<ConflictQueue>(p => p.Add(c => c.FlowId, FlowId));

        var rows = cut.FindAll("[data-testid=conflict-row]");
        var title = rows[0];

        Assert.Equal("2", cut.Find("#conflict-count").TextContent.Trim());
        Assert.Equal(2, rows.Count);
        Assert.Contains("title ↔ title", title.QuerySelector("[data-testid=conflict-fields]")!.TextContent);
        Assert.Equal("Printer stalls", title.QuerySelector("[data-testid=conflict-side-a] [data-testid=conflict-value]")!.TextContent.Trim());
        Assert.Equal("Printer stalls on tray 2", title.QuerySelector("[data-testid=conflict-side-b] [data-testid=conflict-value]")!.TextContent.Trim());
        Assert.Contains("by rita", title.QuerySelector("[data-testid=conflict-side-a] [data-testid=conflict-changed]")!.TextContent);
        Assert.Contains("2026-12-04 10:00:00 UTC", title.QuerySelector("[data-testid=conflict-side-a] [data-testid=conflict-changed]")!.TextContent);
        Assert.Contains("(author not reported)", title.QuerySelector("[data-testid=conflict-side-b] [data-testid=conflict-changed]")!.TextContent);
        Assert.Contains("(chosen by the rule)", title.QuerySelector("[data-testid=conflict-side-a]")!.TextContent);
        Assert.Contains("The rule \"Most recent change wins\" chose side A's value.", title.QuerySelector("[data-testid=conflict-rule]")!.TextContent);
    }

    [Fact]
    public void Queue_WithoutConflicts_SaysSo()
    {
        Conflicts.Open.Clear();
        RenderProviders();

        var cut = Render<ConflictQueue>(p => p.Add(c => c.FlowId, FlowId));

        Assert.Equal("0", cut.Find("#conflict-count").TextContent.Trim());
        Assert.NotNull(cut.Find("#conflict-none"));
    }

    [Fact]
    public async Task KeepB_ResolvesAndReloads()
    {
        RenderProviders();
        var cut = Render<ConflictQueue>(p => p.Add(c => c.FlowId, FlowId));

        await cut.FindAll("[data-testid=conflict-keep-b]")[0].ClickAsync(new());

        var command = Assert.Single(Conflicts.Resolved);
        Assert.Equal(TitleId, command.ConflictId);
        Assert.Equal(ConflictResolution.KeepB, command.Resolution);
        Assert.Null(command.Value);
        Assert.Equal("1", cut.Find("#conflict-count").TextContent.Trim());
    }

    [Fact]
    public async Task TypedValue_IsSent()
    {
        var providers = RenderProviders();
        var cut = Render<ConflictQueue>(p => p.Add(c => c.FlowId, FlowId));

        // The click's handler waits for the dialog, so it finishes only once the dialog closes.
        var typing = cut.FindAll("[data-testid=conflict-type-value]")[0].ClickAsync(new());
        providers.WaitForElement("#conflict-value-text").Input("  Printer stalls after the update ");
        await providers.Find("#conflict-value-confirm").ClickAsync(new());
        await typing;

        var command = Assert.Single(Conflicts.Resolved);
        Assert.Equal(ConflictResolution.Custom, command.Resolution);
        Assert.Equal("Printer stalls after the update", command.Value);
    }

    [Fact]
    public async Task TypedValue_EmptyIsRejected()
    {
        var providers = RenderProviders();
        var cut = Render<ConflictQueue>(p => p.Add(c => c.FlowId, FlowId));

        var typing = cut.FindAll("[data-testid=conflict-type-value]")[0].ClickAsync(new());
        providers.WaitForElement("#conflict-value-text").Input("   ");
        await providers.Find("#conflict-value-confirm").ClickAsync(new());

        Assert.Contains("Type the value to keep", providers.Markup);
        Assert.Empty(Conflicts.Resolved);

        await providers.Find("#conflict-value-cancel").ClickAsync(new());
        await typing;
        Assert.Empty(Conflicts.Resolved);
    }

    [Fact]
    public async Task ChoiceValue_IsPicked()
    {
        var providers = RenderProviders();
        var cut = Render<ConflictQueue>(p => p.Add(c => c.FlowId, FlowId));

        var typing = cut.FindAll("[data-testid=conflict-type-value]")[1].ClickAsync(new());
        providers.WaitForElement("#conflict-value-select");
        await providers.SelectAsync("conflict-value-select", "New");
        await providers.Find("#conflict-value-confirm").ClickAsync(new());
        await typing;

        var command = Assert.Single(Conflicts.Resolved);
        Assert.Equal(StatusId, command.ConflictId);
        Assert.Equal("New", command.Value);
    }

    [Fact]
    public async Task Failure_IsShownAndConflictStays()
    {
        Conflicts.ResolveFailure = new DomainException("A run of this flow is in progress; try again in a moment.");
        var providers = RenderProviders();
        var cut = Render<ConflictQueue>(p => p.Add(c => c.FlowId, FlowId));

        await cut.FindAll("[data-testid=conflict-keep-a]")[0].ClickAsync(new());

        Assert.Contains("A run of this flow is in progress; try again in a moment.", providers.Markup);
        Assert.Equal(2, cut.FindAll("[data-testid=conflict-row]").Count);
    }

    [Fact]
    public void ReadOnlyViewer_SeesNoButtons()
    {
        Conflicts.Open.Clear();
        Conflicts.Open.Add(Conflict(TitleId, "title", "a", "b", null, null, [], canResolve: false));
        RenderProviders();

        var cut = Render<ConflictQueue>(p => p.Add(c => c.FlowId, FlowId));

        Assert.Single(cut.FindAll("[data-testid=conflict-row]"));
        Assert.Empty(cut.FindAll("[data-testid=conflict-keep-a]"));
        Assert.Empty(cut.FindAll("[data-testid=conflict-type-value]"));
    }

    private static ConflictDto Conflict(
        Guid id,
        string field,
        string valueA,
        string valueB,
        string? authorA,
        string? authorB,
        IReadOnlyList<string> choices,
        bool canResolve,
        Guid? flowId = null)
    {
        var at = new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
        return new ConflictDto(
            id, flowId ?? FlowId, Guid.NewGuid(), "12", "34", field, field, valueA, valueB, authorA, authorB,
            at, at.AddMinutes(-1), ConflictRule.MostRecentWins, "A", at.AddMinutes(5), choices, canResolve);
    }
}
