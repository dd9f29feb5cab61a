using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Requests;
using Microsoft.EntityFrameworkCore;

namespace IntegrationPortal.Application.Requests;

public sealed class RequestService(
    IPortalDbContext db,
    ICurrentUser user,
    IAuditLog audit,
    IValidator<SubmitRequestCommand> submitValidator,
    IValidator<RejectRequestCommand> rejectValidator,
    TimeProvider time) : IRequestService
{
    public async Task<Guid> SubmitAsync(SubmitRequestCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.Requester, Roles.ItAdmin);
        await submitValidator.EnsureValidAsync(command, cancellationToken);
        await EnsureToolExistsAsync(command.ToolA, nameof(command.ToolA), cancellationToken);
        await EnsureToolExistsAsync(command.ToolB, nameof(command.ToolB), cancellationToken);

        var request = new IntegrationRequest(
            Guid.NewGuid(),
            user.UserId!,
            user.UserName,
            command.ToolA,
            command.ToolB,
            command.UseCase.Trim(),
            command.Fields.Trim(),
            command.Direction,
            command.Justification.Trim(),
            time.GetUtcNow());
        db.Requests.Add(request);
        audit.Record(AuditActions.RequestSubmitted, "request", request.Id.ToString(), new
        {
            request.ToolA,
            request.ToolB,
            request.UseCase,
            request.Fields,
            Direction = request.Direction.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return request.Id;
    }

    public async Task<IReadOnlyList<RequestDto>> ListMineAsync(CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        var rows = await db.Requests.AsNoTracking()
            .Where(r => r.RequesterId == user.UserId)
            .OrderByDescending(r => r.SubmittedAt)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToDto)];
    }

    public async Task<IReadOnlyList<RequestDto>> ListAllAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin, Roles.Auditor);
        var rows = await db.Requests.AsNoTracking()
            .OrderBy(r => r.Status == RequestStatus.Submitted ? 0 : 1)
            .ThenByDescending(r => r.SubmittedAt)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToDto)];
    }

    public async Task ApproveAsync(Guid requestId, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var request = await FindAsync(requestId, cancellationToken);
        request.Approve(user.UserName, time.GetUtcNow());
        audit.Record(AuditActions.RequestApproved, "request", request.Id.ToString(), new { request.RequesterName, request.UseCase });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RejectAsync(RejectRequestCommand command, CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        await rejectValidator.EnsureValidAsync(command, cancellationToken);
        var request = await FindAsync(command.RequestId, cancellationToken);
        request.Reject(user.UserName, command.Reason, time.GetUtcNow());
        audit.Record(AuditActions.RequestRejected, "request", request.Id.ToString(), new { request.RequesterName, request.UseCase, Reason = request.DecisionReason });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<IntegrationRequest> FindAsync(Guid requestId, CancellationToken cancellationToken) =>
        await db.Requests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            ?? throw new NotFoundException("Request", requestId);

    private async Task EnsureToolExistsAsync(string toolKey, string propertyName, CancellationToken cancellationToken)
    {
        if (!await db.Tools.AnyAsync(t => t.Key == toolKey, cancellationToken))
        {
            throw ValidatorExtensions.Invalid(propertyName, $"Tool '{toolKey}' is not in the catalog; choose one from the list.");
        }
    }

    private static RequestDto ToDto(IntegrationRequest r) => new(
        r.Id,
        r.RequesterName,
        r.ToolA,
        r.ToolB,
        r.UseCase,
        r.Fields,
        r.Direction,
        r.Justification,
        r.Status,
        r.SubmittedAt ?? r.CreatedAt,
        r.DecidedBy,
        r.DecidedAt,
        r.DecisionReason);
}
