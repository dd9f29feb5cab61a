using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Tests.Fakes;

namespace IntegrationPortal.Sync.Tests.Semantics;

public sealed class ItemScopeTests
{
    private readonly SyncHarness _flow = new();

    public ItemScopeTests()
    {
        _flow.Scope = new ItemScope(ScopeSide.A, "tags", "sync");
    }

    [Fact]
    public async Task ItemOutOfScope_IsNotCreated()
    {
        _flow.A.Add(("subject", "Local only"), ("status", "New"), ("tags", "hardware"));
        _flow.A.Add(("subject", "Shared"), ("status", "New"), ("tags", "hardware, SYNC"));

        var result = await _flow.RunAsync();

        Assert.Equal(1, result.ItemsCreated);
        Assert.Equal("Shared", Assert.Single(_flow.B.Items).Fields["title"]);
    }

    [Fact]
    public async Task Scope_DoesNotFilterOtherSide()
    {
        _flow.B.Add(("title", "From GitHub"), ("state", "open"));

        var result = await _flow.RunAsync();

        Assert.Equal(1, result.ItemsCreated);
        Assert.Equal(1, _flow.A.Count);
    }

    [Fact]
    public async Task ItemLeavingScope_KeepsLinkAndCounterpart()
    {
        var (idA, idB) = await _flow.LinkedPairAsync(tags: "sync");
        _flow.A.Edit(idA, "tags", "hardware");

        await _flow.RunAsync();

        Assert.Equal(1, _flow.B.Count);
        Assert.Empty(_flow.B.Closes);
        Assert.Equal(LinkState.Active, Assert.Single(_flow.Store.Links).State);
        Assert.Equal("hardware", _flow.B.Value(idB, "labels"));
    }

    [Fact]
    public async Task LabelRemovedAndReAdded_CreatesOneCounterpart()
    {
        var (idA, _) = await _flow.LinkedPairAsync(tags: "sync");
        _flow.A.Edit(idA, "tags", null);
        await _flow.RunAsync();
        _flow.Wait();
        _flow.A.Edit(idA, "tags", "sync");

        var result = await _flow.RunAsync();

        Assert.Equal(0, result.ItemsCreated);
        Assert.Equal(1, _flow.B.Count);
        Assert.Single(_flow.Store.Links);
    }

    [Fact]
    public async Task ItemEnteringScope_IsCreatedThen()
    {
        var item = _flow.A.Add(("subject", "Later shared"), ("status", "New"), ("tags", "hardware"));
        await _flow.RunAsync();
        _flow.Wait();
        _flow.A.Edit(item.Id, "tags", "hardware, sync");

        var result = await _flow.RunAsync();

        Assert.Equal(1, result.ItemsCreated);
        Assert.Equal(1, _flow.B.Count);
    }
}
