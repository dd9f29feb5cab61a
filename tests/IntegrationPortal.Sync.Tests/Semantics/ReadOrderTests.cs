using IntegrationPortal.Sync.Connectors;
using IntegrationPortal.Sync.Tests.Fakes;

namespace IntegrationPortal.Sync.Tests.Semantics;

public sealed class ReadOrderTests
{
    private readonly SyncHarness _flow = new();

    [Fact]
    public async Task ReadStoppedAfterFirstPage_WritesNothing()
    {
        for (var i = 1; i <= 5; i++)
        {
            _flow.A.Add(("subject", $"Ticket {i}"), ("status", "New"));
        }

        _flow.A.FailReadAfter = 2;

        await Assert.ThrowsAsync<ConnectorException>(() => _flow.RunAsync());

        Assert.Equal(0, _flow.B.Writes);
        Assert.Equal(0, _flow.Store.SaveLinkCalls);
        Assert.Equal(0, _flow.Store.SaveCursorCalls);
    }

    [Fact]
    public async Task ReadStoppedAfterFirstPage_NextRunCreatesAll()
    {
        for (var i = 1; i <= 5; i++)
        {
            _flow.A.Add(("subject", $"Ticket {i}"), ("status", "New"));
        }

        _flow.A.FailReadAfter = 2;
        await Assert.ThrowsAsync<ConnectorException>(() => _flow.RunAsync());
        _flow.A.FailReadAfter = null;

        var result = await _flow.RunAsync();

        Assert.Equal(5, result.ItemsCreated);
        Assert.Equal(5, _flow.B.Count);
    }

    [Fact]
    public async Task Items_ProcessedByTimeThenId()
    {
        var first = _flow.A.Add(("subject", "First"), ("status", "New"));
        _flow.A.Add(("subject", "Second"), ("status", "New"));
        _flow.A.Add(("subject", "Third"), ("status", "New"));
        _flow.Wait();
        _flow.A.Edit(first.Id, "subject", "First, edited later");

        await _flow.RunAsync();

        var titles = _flow.B.Items.Select(item => item.Fields["title"]).ToList();
        Assert.Equal(["Second", "Third", "First, edited later"], titles);
    }
}
