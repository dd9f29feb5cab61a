using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Notifications;
using IntegrationPortal.Application.Templates;
using IntegrationPortal.Application.Users;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationPortal.Application.Requests.Backlog;

public sealed partial class BacklogService(
    IPortalDbContext db,
    ICurrentUser user,
    IAuditLog audit,
    IUserAdminService users,
    ITemplateFactory templates,
    IRequestNotifier notifier,
    IValidator<BacklogActionCommand> actionValidator,
    IValidator<AssignRequestsCommand> assignValidator,
    IOptions<BacklogOptions> options,
    TimeProvider time) : IBacklogService
{
    private static readonly RequestStatus[] OpenStatuses = [RequestStatus.Submitted, RequestStatus.InReview, RequestStatus.NeedsInformation];

    public async Task<BacklogView> ListAsync(BacklogFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        user.Require(Roles.ItAdmin);
        var slaDays = BacklogSla.ValidDays(options.Value);
        var now = time.GetUtcNow();

        var requests = await Filtered(filter, now).ToListAsync(cancellationToken);
        var groups = BacklogGrouper.Group(requests)
            .Select(cluster => ToDto(cluster, now, slaDays))
            .ToList();
        return new BacklogView(groups, slaDays);
    }

    public async Task<IReadOnlyList<AssigneeDto>> ListAssigneesAsync(CancellationToken cancellationToken)
    {
        user.Require(Roles.ItAdmin);
        var all = await users.ListAsync(cancellationToken);
        return [.. all.Where(u => u.Roles.Contains(Roles.ItAdmin)).Select(u => new AssigneeDto(u.Id, u.UserName))];
    }

    public async Task AssignAsync(AssignRequestsCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        user.Require(Roles.ItAdmin);
        await assignValidator.EnsureValidAsync(command, cancellationToken);

        AssigneeDto? assignee = null;
        if (command.AssigneeId is not null)
        {
            var admins = await ListAssigneesAsync(cancellationToken);
            assignee = admins.FirstOrDefault(a => a.Id == command.AssigneeId)
                ?? throw ValidatorExtensions.Invalid(nameof(command.AssigneeId), "Assign requests to a user with the IT admin role; choose one from the list.");
        }

        var requests = await LoadAsync(command.RequestIds, tracked: true, cancellationToken);
        foreach (var request in requests)
        {
            var before = request.AssigneeName;
            request.AssignTo(assignee?.Id, assignee?.Name);
            audit.Record(AuditActions.RequestAssigned, "request", request.Id.ToString(), new
            {
                request.RequesterName,
                request.UseCase,
                From = before,
                To = assignee?.Name,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private IQueryable<IntegrationRequest> Filtered(BacklogFilter filter, DateTimeOffset now)
    {
        var query = db.Requests.AsNoTracking().Where(r => OpenStatuses.Contains(r.Status));
        if (filter.Status is { } status)
        {
            if (!OpenStatuses.Contains(status))
            {
                throw ValidatorExtensions.Invalid(nameof(filter.Status), $"The status filter {IntegrationRequest.Describe(status)} is invalid because the queue contains open requests only; choose submitted, in review or needs information.");
            }

            query = query.Where(r => r.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.ToolPair))
        {
            var (first, second) = SplitToolPair(filter.ToolPair);
            query = query.Where(r => (r.ToolA == first && r.ToolB == second) || (r.ToolA == second && r.ToolB == first));
        }

        if (filter.AssigneeId == BacklogFilter.Unassigned)
        {
            query = query.Where(r => r.AssigneeId == null);
        }
        else if (!string.IsNullOrEmpty(filter.AssigneeId))
        {
            query = query.Where(r => r.AssigneeId == filter.AssigneeId);
        }

        if (filter.TemplateMatched is { } matched)
        {
            query = matched ? query.Where(r => r.TemplateId != null) : query.Where(r => r.TemplateId == null);
        }

        if (filter.MinAgeDays is { } days)
        {
            if (days is < 0 or > BacklogFilter.MaxAgeDays)
            {
                throw ValidatorExtensions.Invalid(nameof(filter.MinAgeDays), $"The minimum age is {days} days; give 0 to {BacklogFilter.MaxAgeDays} days.");
            }

            var submittedBy = now.AddDays(-days);
            query = query.Where(r => r.SubmittedAt <= submittedBy);
        }

        return query;
    }

    private static (string First, string Second) SplitToolPair(string toolPair)
    {
        var parts = toolPair.Split('+', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts.Any(string.IsNullOrEmpty))
        {
            throw ValidatorExtensions.Invalid(nameof(BacklogFilter.ToolPair), $"The tool pair '{toolPair}' is invalid; write two tool keys joined by '+', such as github+redmine.");
        }

        var normalized = RequestPattern.ToolPair(parts[0], parts[1]).Split('+');
        return (normalized[0], normalized[1]);
    }

    private async Task<List<IntegrationRequest>> LoadAsync(IReadOnlyCollection<Guid> ids, bool tracked, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct().ToList();
        var source = tracked ? db.Requests : db.Requests.AsNoTracking();
        var found = await source.Where(r => distinct.Contains(r.Id)).ToListAsync(cancellationToken);
        var missing = distinct.FirstOrDefault(id => found.All(r => r.Id != id));
        if (missing != Guid.Empty)
        {
            throw new NotFoundException("Request", missing);
        }

        // The caller's order is kept, so a preview lists requests as the page showed them.
        return [.. distinct.Select(id => found.First(r => r.Id == id))];
    }

    private static RequestGroupDto ToDto(RequestCluster cluster, DateTimeOffset now, int slaDays)
    {
        var requests = cluster.Requests.Select(r => ToDto(r, now, slaDays)).ToList();
        var worst = requests.Max(r => r.Sla);
        return new RequestGroupDto(cluster.Requests[0].Id, cluster.ToolPair, cluster.Label, requests, now - cluster.OldestSubmittedAt, worst);
    }

    private static BacklogRequestDto ToDto(IntegrationRequest r, DateTimeOffset now, int slaDays)
    {
        var submittedAt = BacklogGrouper.SubmittedAt(r);
        var age = now - submittedAt;
        var differences = string.IsNullOrEmpty(r.TemplateDifferences)
            ? []
            : r.TemplateDifferences.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new BacklogRequestDto(
            r.Id,
            r.RequesterName,
            r.ToolA,
            r.ToolB,
            r.UseCase,
            r.Items,
            r.Fields,
            r.Direction,
            r.Justification,
            r.Status,
            submittedAt,
            age,
            BacklogSla.StateOf(r.Status, age, slaDays),
            r.AssigneeId,
            r.AssigneeName,
            r.TemplateName,
            differences);
    }
}
