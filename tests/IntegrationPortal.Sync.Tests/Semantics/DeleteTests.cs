using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Sync.Tests.Fakes;

namespace IntegrationPortal.Sync.Tests.Semantics;

public sealed class DeleteTests
{
    private readonly SyncHarness _flow = new();

    [Fact]
    public async Task DeletedCounterpart_UnlinksAndFlags()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.B.Delete(idB);
        _flow.A.Edit(idA, "subject", "Edited after the delete");

        var result = await _flow.RunAsync();

        var link = Assert.Single(_flow.Store.Links);
        Assert.Equal(LinkState.CounterpartMissing, link.State);
        Assert.Equal("B", link.MissingSide);
        Assert.Equal(_flow.Clock.GetUtcNow(), link.MissingSince);
        Assert.Contains(result.Warnings, warning => warning.Contains($"Item {idB} on side B was not found"));
        Assert.Empty(_flow.A.Closes);
        Assert.Equal("New", _flow.A.Value(idA, "status"));
        Assert.Equal(0, _flow.B.Creates);
    }

    [Fact]
    public async Task FlaggedLink_IsNotWarnedAgain()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.B.Delete(idB);
        _flow.A.Edit(idA, "subject", "Edited after the delete");
        await _flow.RunAsync();
        _flow.Wait();
        _flow.A.Edit(idA, "subject", "Edited again");
        _flow.ResetCallCounts();

        var result = await _flow.RunAsync();

        Assert.Empty(result.Warnings);
        Assert.Equal(0, _flow.B.Gets);
        Assert.Equal(0, _flow.B.Creates);
        Assert.Equal(LinkState.CounterpartMissing, Assert.Single(_flow.Store.Links).State);
    }

    [Fact]
    public async Task MirrorDelete_ClosesCounterpart()
    {
        _flow.DeleteRule = DeleteRule.MirrorDelete;
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.B.Delete(idB);
        _flow.A.Edit(idA, "subject", "Edited after the delete");

        var result = await _flow.RunAsync();

        Assert.Equal([idA], _flow.A.Closes);
        Assert.Equal("Closed", _flow.A.Value(idA, "status"));
        Assert.Equal(LinkState.DeleteMirrored, Assert.Single(_flow.Store.Links).State);
        Assert.Contains(result.Warnings, warning => warning.Contains("was closed"));
    }

    [Fact]
    public async Task MirrorDelete_CloseFails_FlagsOnce()
    {
        _flow.DeleteRule = DeleteRule.MirrorDelete;
        _flow.A.ClosedState = null;
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.B.Delete(idB);
        _flow.A.Edit(idA, "subject", "Edited after the delete");

        var result = await _flow.RunAsync();
        _flow.Wait();
        _flow.A.Edit(idA, "subject", "Edited again");
        var next = await _flow.RunAsync();

        Assert.Equal(1, result.ItemsFailed);
        Assert.Contains(result.Errors, error => error.Contains("cannot close or delete"));
        Assert.Equal(LinkState.CounterpartMissing, Assert.Single(_flow.Store.Links).State);
        Assert.Equal(0, next.ItemsFailed);
        Assert.Single(_flow.A.Closes);
    }

    [Fact]
    public async Task FullRead_DetectsDeleteWithoutEdit()
    {
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Delete(idA);

        var result = await _flow.RunFullReadAsync();

        var link = Assert.Single(_flow.Store.Links);
        Assert.Equal(LinkState.CounterpartMissing, link.State);
        Assert.Equal("A", link.MissingSide);
        Assert.Contains(result.Warnings, warning => warning.Contains($"Item {idA} on side A was not found"));
        Assert.Equal("open", _flow.B.Value(idB, "state"));
    }

    [Fact]
    public async Task FullRead_WithMirror_ClosesCounterpart()
    {
        _flow.DeleteRule = DeleteRule.MirrorDelete;
        var (idA, idB) = await _flow.LinkedPairAsync();
        _flow.A.Delete(idA);

        await _flow.RunFullReadAsync();

        Assert.Equal([idB], _flow.B.Closes);
        Assert.Equal("closed", _flow.B.Value(idB, "state"));
    }

    [Fact]
    public async Task FullRead_NewCounterpart_IsNotMissing()
    {
        _flow.A.Add(("subject", "Badge reader offline"), ("status", "New"));

        var result = await _flow.RunFullReadAsync();

        Assert.Equal(LinkState.Active, Assert.Single(_flow.Store.Links).State);
        Assert.Empty(result.Warnings);
    }
}
