using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Infrastructure.Persistence;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IntegrationPortal.Infrastructure.Tests.Requests.RequestTestBed;

namespace IntegrationPortal.Infrastructure.Tests.Requests;

public sealed class RequestFlowProgressTests
{
    [Fact]
    public async Task FirstFlow_MarksRequestBuiltThenLive()
    {
        await using var bed = await StartAsync();
        var requestId = await bed.SubmitAsync(Command(ToolKeys.GitHub, ToolKeys.GitHub));
        await AsAsync(bed.Admin(), s => s.ApproveAsync(requestId, CancellationToken.None));
        var (connectionA, connectionB) = await AddConnectionsAsync(bed);

        var flowId = await CreateFlowAsync(bed, requestId, connectionA, connectionB, "Support to engineering");
        var built = await RequestServiceTests.ReadAsync(bed, requestId);
        await ActivateAsync(bed, flowId);
        var live = await RequestServiceTests.ReadAsync(bed, requestId);
        var detail = await AsAsync(bed.Requester(), s => s.GetAsync(requestId, CancellationToken.None));

        Assert.Equal(RequestStatus.Built, built.Status);
        Assert.Equal(RequestStatus.Live, live.Status);
        Assert.NotNull(live.LiveAt);
        var flow = Assert.Single(detail.Flows);
        Assert.Equal(flowId, flow.Id);
        Assert.Equal(
            [AuditActions.RequestBuilt, AuditActions.RequestLive],
            detail.Timeline.Select(t => t.Action).Where(a => a is AuditActions.RequestBuilt or AuditActions.RequestLive));
        Assert.Equal("The flow Support to engineering went live.", detail.Timeline[^1].Text);
        Assert.Contains(await TextsForRequesterAsync(bed), t => t.Contains("is now live", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecondFlow_KeepsRequestLive()
    {
        await using var bed = await StartAsync();
        var requestId = await bed.SubmitAsync(Command(ToolKeys.GitHub, ToolKeys.GitHub));
        await AsAsync(bed.Admin(), s => s.ApproveAsync(requestId, CancellationToken.None));
        var (connectionA, connectionB) = await AddConnectionsAsync(bed);
        await ActivateAsync(bed, await CreateFlowAsync(bed, requestId, connectionA, connectionB, "First"));

        await CreateFlowAsync(bed, requestId, connectionA, connectionB, "Second");

        Assert.Equal(RequestStatus.Live, (await RequestServiceTests.ReadAsync(bed, requestId)).Status);
    }

    private static async Task<(Guid A, Guid B)> AddConnectionsAsync(RequestTestBed bed)
    {
        await using var scope = bed.Host.Services.CreateAsyncScope();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var a = new Connection(Guid.NewGuid(), "Support GitHub", ToolKeys.GitHub, "http://127.0.0.1:9", protector.Protect("token-a"), AdminName, DateTimeOffset.UnixEpoch);
        var b = new Connection(Guid.NewGuid(), "Engineering GitHub", ToolKeys.GitHub, "http://127.0.0.1:9", protector.Protect("token-b"), AdminName, DateTimeOffset.UnixEpoch);
        db.Connections.AddRange(a, b);
        await db.SaveChangesAsync();

        // The requester builds the flows, and builds only with connections shared with them.
        await TestGrants.AllowUseAsync(bed.Host, RequesterId, RequesterName, a.Id, b.Id);
        return (a.Id, b.Id);
    }

    private static async Task<Guid> CreateFlowAsync(RequestTestBed bed, Guid requestId, Guid connectionA, Guid connectionB, string name)
    {
        await using var scope = bed.Requester();
        return await scope.ServiceProvider.GetRequiredService<IFlowService>().CreateAsync(
            new SaveFlowCommand
            {
                RequestId = requestId,
                Name = name,
                ConnectionAId = connectionA,
                ContainerA = "acme/support",
                ConnectionBId = connectionB,
                ContainerB = "acme/engineering",
                Mappings = [new FieldMappingInput { FieldA = "title", FieldB = "title" }],
            },
            CancellationToken.None);
    }

    private static async Task ActivateAsync(RequestTestBed bed, Guid flowId)
    {
        await using var scope = bed.Requester();
        await scope.ServiceProvider.GetRequiredService<IFlowService>().ActivateAsync(flowId, CancellationToken.None);
    }

    private static async Task<List<string>> TextsForRequesterAsync(RequestTestBed bed)
    {
        await using var scope = bed.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Notifications.AsNoTracking()
            .Where(n => n.UserId == RequesterId)
            .Select(n => n.Text)
            .ToListAsync();
    }
}
