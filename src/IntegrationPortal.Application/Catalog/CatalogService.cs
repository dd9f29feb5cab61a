using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Flows.Policy;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Catalog;

public sealed class CatalogService(
    IPortalDbContext db,
    ICurrentUser user,
    IAuditLog audit,
    FlowPolicyEnforcer policy,
    TimeProvider time) : ICatalogService
{
    public async Task<IReadOnlyList<ToolDto>> ListToolsAsync(CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        var tools = await db.Tools.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return [.. tools.Select(t => new ToolDto(t.Key, t.Name, t.Status, t.Reason, t.ChangedAt))];
    }

    public async Task SetToolStatusAsync(SetToolStatusCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var tool = await db.Tools.SingleOrDefaultAsync(t => t.Key == command.ToolKey, cancellationToken)
            ?? throw new NotFoundException("Tool", command.ToolKey);

        var before = tool.Status;
        tool.ChangeStatus(command.Status, command.Reason, time.GetUtcNow());
        audit.Record(AuditActions.ToolStatusChanged, "tool", tool.Key, new { Before = before.ToString(), After = tool.Status.ToString(), tool.Reason });
        await db.SaveChangesAsync(cancellationToken);

        // Flows on a tool that is no longer approved pause now, not only when their next run starts.
        if (tool.Status != ToolStatus.Approved)
        {
            await policy.EnforceForToolAsync(tool.Key, cancellationToken);
        }
    }
}
