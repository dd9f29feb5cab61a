using FluentValidation;
using IntegrationPortal.Application.Audit;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Conflicts;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Sync.Connectors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IntegrationPortal.Application.Conflicts;

public sealed class ConflictService(
    IPortalDbContext db,
    ICurrentUser user,
    IAuditLog audit,
    IConnectorFactory connectors,
    ISecretProtector protector,
    IFlowLease lease,
    IValidator<ResolveConflictCommand> validator,
    TimeProvider time,
    ILogger<ConflictService> logger) : IConflictService
{
    /// <summary>
    /// How long a resolution holds the flow's lease at most. A resolution makes two reads and up to
    /// two writes, so a web process that dies during one blocks the flow's runs only this long.
    /// </summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<ConflictDto>> ListOpenAsync(Guid flowId, CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        var flow = await db.Flows.AsNoTracking().SingleOrDefaultAsync(f => f.Id == flowId, cancellationToken)
            ?? throw new NotFoundException("Flow", flowId);
        if (flow.OwnerId != user.UserId && !user.IsInRole(Roles.ItAdmin) && !user.IsInRole(Roles.Auditor))
        {
            throw new NotFoundException("Flow", flowId);
        }

        var conflicts = await db.SyncConflicts.AsNoTracking()
            .Where(c => c.FlowId == flowId && c.Status == ConflictStatus.Open)
            .ToListAsync(cancellationToken);
        var toolA = await db.Connections.Where(c => c.Id == flow.ConnectionAId).Select(c => c.ToolKey).SingleAsync(cancellationToken);
        var fieldsA = connectors.FieldsOf(toolA);
        var canResolve = MayResolve(flow);

        return [.. conflicts.OrderByDescending(c => c.DetectedAt).Select(c => ToDto(c, flow, fieldsA, canResolve))];
    }

    public async Task<IReadOnlyDictionary<Guid, int>> CountOpenByFlowAsync(CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        var open = db.SyncConflicts.Where(c => c.Status == ConflictStatus.Open);
        if (!user.IsInRole(Roles.ItAdmin) && !user.IsInRole(Roles.Auditor))
        {
            open = open.Where(c => db.Flows.Any(f => f.Id == c.FlowId && f.OwnerId == user.UserId));
        }

        return await open
            .GroupBy(c => c.FlowId)
            .Select(g => new { FlowId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.FlowId, g => g.Count, cancellationToken);
    }

    public async Task ResolveAsync(ResolveConflictCommand command, CancellationToken cancellationToken)
    {
        user.RequireSignedIn();
        await validator.EnsureValidAsync(command, cancellationToken);
        var flowId = await db.SyncConflicts.Where(c => c.Id == command.ConflictId).Select(c => (Guid?)c.FlowId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Conflict", command.ConflictId);
        var flow = await db.Flows.AsNoTracking().SingleAsync(f => f.Id == flowId, cancellationToken);
        if (!MayResolve(flow))
        {
            throw new ForbiddenAccessException($"Only the flow's owner ({flow.OwnerName}) or an IT admin can resolve its conflicts.");
        }

        // A paused flow may have been paused because a policy no longer allows a mapping, and a
        // resolution must not copy values past a policy any more than a run may.
        if (flow.Status != FlowStatus.Active)
        {
            throw new DomainException("The flow is not active, so no values are written to its tools; activate it, then resolve the conflict.");
        }

        // Takes the run's lease, so that a resolution never writes an item while a run merges it.
        var holder = $"conflict/{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        if (!await lease.TryAcquireAsync(flow.Id, holder, LeaseDuration, cancellationToken))
        {
            throw new DomainException("A run of this flow is in progress; try again in a moment.");
        }

        try
        {
            await ResolveLeasedAsync(flow, command, cancellationToken);
        }
        finally
        {
            await lease.ReleaseAsync(flow.Id, holder, CancellationToken.None);
        }
    }

    private async Task ResolveLeasedAsync(Flow flow, ResolveConflictCommand command, CancellationToken cancellationToken)
    {
        // Read again under the lease: another resolution may have closed it, or a run superseded it.
        var conflict = await db.SyncConflicts.SingleAsync(c => c.Id == command.ConflictId, cancellationToken);
        if (conflict.Status != ConflictStatus.Open)
        {
            throw new DomainException($"The conflict on field {conflict.FieldA} is already {conflict.Status.ToString().ToLowerInvariant()}; reload the conflict queue.");
        }

        var mapping = flow.Mappings.FirstOrDefault(m => m.FieldA == conflict.FieldA && m.FieldB == conflict.FieldB)
            ?? throw new DomainException(
                $"The flow no longer maps {conflict.FieldA} to {conflict.FieldB}, so the conflict cannot be written; map the fields again to resolve it.");
        var link = await db.ItemLinks.SingleAsync(l => l.Id == conflict.LinkId, cancellationToken);
        var sideA = await ConflictSide.OpenAsync(db, connectors, protector, flow.ConnectionAId, flow.ContainerA, "A", conflict.ItemIdA, conflict.FieldA, cancellationToken);
        var sideB = await ConflictSide.OpenAsync(db, connectors, protector, flow.ConnectionBId, flow.ContainerB, "B", conflict.ItemIdB, conflict.FieldB, cancellationToken);
        var targets = ConflictTargets.For(conflict, mapping, command, sideA.Field, sideB.Field);

        var written = new List<object>();
        try
        {
            await sideA.ReadAsync(cancellationToken);
            await sideB.ReadAsync(cancellationToken);
            sideA.EnsureUnchangedSince(conflict.ValueA, link.BaseA.GetValueOrDefault(conflict.FieldA), targets.ValueA);
            sideB.EnsureUnchangedSince(conflict.ValueB, link.BaseB.GetValueOrDefault(conflict.FieldB), targets.ValueB);

            await sideA.WriteAsync(targets.ValueA, written, cancellationToken);
            await sideB.WriteAsync(targets.ValueB, written, cancellationToken);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await RecordFailureAsync(conflict, written, ex);
            var reason = ex is OperationCanceledException ? "the tool did not respond in time; try again later." : ex.Message;
            throw new ConnectorException($"Resolving the conflict on field {conflict.FieldA} failed, so it stays open: {reason}", (ex as ConnectorException)?.StatusCode, ex);
        }

        link.BaseA[conflict.FieldA] = targets.ValueA;
        link.BaseB[conflict.FieldB] = targets.ValueB;
        link.UpdatedAt = time.GetUtcNow();
        conflict.Resolve(command.Resolution, targets.Chosen, user.UserId!, user.UserName, time.GetUtcNow());
        audit.Record(AuditActions.ConflictResolved, "flow", flow.Id.ToString(), new
        {
            ConflictId = conflict.Id,
            LinkId = link.Id,
            conflict.ItemIdA,
            conflict.ItemIdB,
            conflict.FieldA,
            conflict.FieldB,
            Resolution = command.Resolution.ToString(),
            ValueA = targets.ValueA,
            ValueB = targets.ValueB,
            Written = written,
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(
            "Conflict {ConflictId} of flow {FlowId} was resolved with {Resolution}; {Writes} item sides written",
            conflict.Id,
            flow.Id,
            command.Resolution,
            written.Count);
    }

    // A side written before the failure keeps the value, and its base is not moved. The next run
    // then copies the value to the other side like any change made on one side.
    private async Task RecordFailureAsync(SyncConflict conflict, List<object> written, Exception exception)
    {
        logger.LogWarning(exception, "Resolving conflict {ConflictId} of flow {FlowId} failed after {Writes} writes", conflict.Id, conflict.FlowId, written.Count);
        audit.Record(AuditActions.ConflictResolveFailed, "flow", conflict.FlowId.ToString(), new
        {
            ConflictId = conflict.Id,
            conflict.FieldA,
            conflict.FieldB,
            Written = written,
            Error = exception.Message,
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private bool MayResolve(Flow flow) =>
        user.IsInRole(Roles.ItAdmin) || (flow.OwnerId == user.UserId && user.IsInRole(Roles.Requester));

    private static ConflictDto ToDto(SyncConflict c, Flow flow, IReadOnlyList<FieldDescriptor> fieldsA, bool canResolve)
    {
        var mapping = flow.Mappings.FirstOrDefault(m => m.FieldA == c.FieldA && m.FieldB == c.FieldB);
        var choices = mapping is null ? [] : ConflictTargets.ChoicesFor(mapping, fieldsA.FirstOrDefault(f => f.Key == c.FieldA));
        return new ConflictDto(
            c.Id,
            c.FlowId,
            c.RunId,
            c.ItemIdA,
            c.ItemIdB,
            c.FieldA,
            c.FieldB,
            c.ValueA,
            c.ValueB,
            c.AuthorA,
            c.AuthorB,
            c.ChangedAtA,
            c.ChangedAtB,
            c.Rule,
            c.KeptSide,
            c.DetectedAt,
            choices,
            canResolve && mapping is not null);
    }
}
