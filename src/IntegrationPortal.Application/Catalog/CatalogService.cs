using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Flows.Policy;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Sync.Connectors;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Catalog;

public sealed class CatalogService(
    IPortalDbContext db,
    ICurrentUser user,
    IAuditLog audit,
    FlowPolicyEnforcer policy,
    IConnectorFactory connectors,
    IUserDirectory directory,
    IValidator<AddToolCommand> addValidator,
    IValidator<UpdateToolCommand> updateValidator,
    TimeProvider time) : ICatalogService
{
    public async Task<IReadOnlyList<ToolDto>> ListToolsAsync(CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        var tools = await db.Tools.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return [.. tools.Select(t => new ToolDto(
            t.Key,
            t.Name,
            t.Status,
            t.Reason,
            t.ChangedAt,
            t.OwnerId,
            t.OwnerName,
            t.ReviewDate,
            connectors.Supports(t.Key),
            t.IsReviewOverdue(today)))];
    }

    public async Task<string> AddToolAsync(AddToolCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        await addValidator.EnsureValidAsync(command, cancellationToken);
        if (await db.Tools.AnyAsync(t => t.Key == command.Key, cancellationToken))
        {
            throw ValidatorExtensions.Invalid(nameof(command.Key), $"The catalog already has a tool with the key '{command.Key}'. Choose another key or edit that tool.");
        }

        EnsureReviewDateAhead(command.ReviewDate, nameof(command.ReviewDate));
        var owner = await FindOwnerAsync(command.OwnerId, nameof(command.OwnerId), cancellationToken);

        var now = time.GetUtcNow();
        var tool = new Tool(command.Key, command.Name, command.Status, now);
        tool.ChangeStatus(command.Status, command.Reason, now);
        tool.AssignOwner(owner?.Id, owner?.UserName, now);
        tool.ScheduleReview(command.ReviewDate, now);
        db.Tools.Add(tool);
        audit.Record(AuditActions.ToolAdded, "tool", tool.Key, new
        {
            tool.Name,
            Status = tool.Status.ToString(),
            tool.Reason,
            Owner = tool.OwnerName,
            ReviewDate = tool.ReviewDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            HasConnector = connectors.Supports(tool.Key),
        });
        await db.SaveChangesAsync(cancellationToken);
        return tool.Key;
    }

    public async Task UpdateToolAsync(UpdateToolCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        await updateValidator.EnsureValidAsync(command, cancellationToken);
        var tool = await FindAsync(command.ToolKey, cancellationToken);
        if (command.ReviewDate != tool.ReviewDate)
        {
            EnsureReviewDateAhead(command.ReviewDate, nameof(command.ReviewDate));
        }

        if (tool.Status == ToolStatus.Blocked && string.IsNullOrWhiteSpace(command.Reason))
        {
            throw ValidatorExtensions.Invalid(nameof(command.Reason), "A blocked tool keeps a reason. Enter why it is blocked.");
        }

        var owner = await FindOwnerAsync(command.OwnerId, nameof(command.OwnerId), cancellationToken);
        var before = Describe(tool);
        var now = time.GetUtcNow();
        tool.Rename(command.Name, now);
        tool.ExplainDecision(command.Reason, now);
        tool.AssignOwner(owner?.Id, owner?.UserName, now);
        tool.ScheduleReview(command.ReviewDate, now);
        audit.Record(AuditActions.ToolUpdated, "tool", tool.Key, new { Before = before, After = Describe(tool) });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetToolStatusAsync(SetToolStatusCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        ArgumentNullException.ThrowIfNull(command);
        if (command.Status == ToolStatus.Blocked && string.IsNullOrWhiteSpace(command.Reason))
        {
            throw ValidatorExtensions.Invalid(nameof(command.Reason), "Give a reason for blocking the tool. Flow owners will see it.");
        }

        var tool = await FindAsync(command.ToolKey, cancellationToken);
        var before = tool.Status;
        tool.ChangeStatus(command.Status, command.Reason, time.GetUtcNow());
        audit.Record(AuditActions.ToolStatusChanged, "tool", tool.Key, new { Before = before.ToString(), After = tool.Status.ToString(), tool.Reason });
        await db.SaveChangesAsync(cancellationToken);

        // Flows on a tool that is no longer approved pause now, not only when their next run starts.
        if (tool.Status != ToolStatus.Approved)
        {
            await policy.EnforceForToolAsync(tool.Key, cancellationToken);
        }
        else if (before != ToolStatus.Approved)
        {
            await policy.ResumeAllowedAsync(await policy.FlowIdsOfToolAsync(tool.Key, cancellationToken), cancellationToken);
        }
    }

    public async Task<ToolStatusPreview> PreviewStatusChangeAsync(string toolKey, ToolStatus status, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var tool = await FindAsync(toolKey, cancellationToken);
        var connectionIds = await db.Connections.AsNoTracking().Where(c => c.ToolKey == tool.Key).Select(c => c.Id).ToListAsync(cancellationToken);
        var flows = await db.Flows.AsNoTracking()
            .Where(f => connectionIds.Contains(f.ConnectionAId) || connectionIds.Contains(f.ConnectionBId))
            .ToListAsync(cancellationToken);

        var leavingApproval = tool.Status == ToolStatus.Approved && status != ToolStatus.Approved;
        var returningToApproval = tool.Status != ToolStatus.Approved && status == ToolStatus.Approved;
        var toPause = leavingApproval ? flows.Where(f => f.Status == FlowStatus.Active) : [];
        // NOTE: the flows to resume are not checked against the other rules here, so a flow whose
        // other tool is still blocked is listed although it stays paused on confirm.
        var toResume = returningToApproval ? flows.Where(f => f.Status == FlowStatus.Paused && f.PausedByPolicy) : [];
        // Every status change lists the open requests naming the tool, because IT decides them knowing its status.
        var openRequests = tool.Status != status
            ? await db.Requests.AsNoTracking()
                .Where(r => r.ToolA == tool.Key || r.ToolB == tool.Key)
                .Where(r => r.Status == RequestStatus.Submitted || r.Status == RequestStatus.InReview || r.Status == RequestStatus.NeedsInformation)
                .OrderBy(r => r.CreatedAt)
                .Select(r => new StatusChangeRequestDto(r.Id, r.UseCase, r.RequesterName, r.Status))
                .ToListAsync(cancellationToken)
            : [];
        return new ToolStatusPreview(
            tool.Key,
            tool.Name,
            tool.Status,
            status,
            [.. toPause.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Select(ToAffected)],
            [.. toResume.OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Select(ToAffected)],
            leavingApproval || returningToApproval ? connectionIds.Count : 0)
        {
            OpenRequests = openRequests,
        };
    }

    public async Task<IReadOnlyList<ToolOwnerDto>> ListOwnerCandidatesAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var users = await directory.ListAsync(cancellationToken);
        return [.. users.Where(u => u.Roles.Contains(Roles.ItAdmin)).Select(u => new ToolOwnerDto(u.Id, u.UserName))];
    }

    private static StatusChangeFlowDto ToAffected(Flow flow) => new(flow.Id, flow.Name, flow.OwnerName, flow.Status, flow.PauseReason);

    private static object Describe(Tool tool) => new
    {
        tool.Name,
        tool.Reason,
        Owner = tool.OwnerName,
        ReviewDate = tool.ReviewDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    private async Task<Tool> FindAsync(string toolKey, CancellationToken cancellationToken) =>
        await db.Tools.SingleOrDefaultAsync(t => t.Key == toolKey, cancellationToken)
            ?? throw new NotFoundException("Tool", toolKey);

    private void EnsureReviewDateAhead(DateOnly? reviewDate, string propertyName)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (reviewDate is { } date && date < today)
        {
            throw ValidatorExtensions.Invalid(propertyName, $"The review date {date:yyyy-MM-dd} is in the past. Choose today or a later day, or leave it empty.");
        }
    }

    private async Task<DirectoryUser?> FindOwnerAsync(string? ownerId, string propertyName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(ownerId))
        {
            return null;
        }

        var owner = await directory.FindAsync(ownerId, cancellationToken)
            ?? throw ValidatorExtensions.Invalid(propertyName, "That user was not found. Choose an IT admin from the list.");
        return owner.Roles.Contains(Roles.ItAdmin)
            ? owner
            : throw ValidatorExtensions.Invalid(propertyName, $"{owner.UserName} is not an IT admin, and a tool's owner must be one.");
    }
}
