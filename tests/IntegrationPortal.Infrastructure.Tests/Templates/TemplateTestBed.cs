using IntegrationPortal.Application.Common;
using IntegrationPortal.Application.Flows;
using IntegrationPortal.Application.Templates;
using IntegrationPortal.Domain.Catalog;
using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Identity;
using IntegrationPortal.Domain.Policies;
using IntegrationPortal.Domain.Requests;
using IntegrationPortal.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Templates;

/// <summary>
/// A portal over a fresh database with Redmine and GitHub approved, one connection to each and a
/// scheduler that records calls, plus shortcuts to add requests, templates and flows.
/// </summary>
public sealed class TemplateTestBed : IAsyncDisposable
{
    public const string AdminId = "u-templates-admin";
    public const string AdminName = "ivan@example.com";
    public const string RequesterId = "u-templates-requester";
    public const string RequesterName = "rita@example.com";

    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private int _requestsAdded;

    private TemplateTestBed(PortalTestHost host, RecordingScheduler scheduler, Guid redmineConnectionId, Guid gitHubConnectionId)
    {
        Host = host;
        Scheduler = scheduler;
        RedmineConnectionId = redmineConnectionId;
        GitHubConnectionId = gitHubConnectionId;
    }

    public PortalTestHost Host { get; }

    public RecordingScheduler Scheduler { get; }

    public Guid RedmineConnectionId { get; }

    public Guid GitHubConnectionId { get; }

    public static async Task<TemplateTestBed> StartAsync(string provider)
    {
        var scheduler = new RecordingScheduler();
        var host = await PortalTestHost.StartAsync(provider, configure: services => services.AddScoped<ISyncScheduler>(_ => scheduler));
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IPortalDbContext>();
        foreach (var tool in await db.Tools.ToListAsync())
        {
            tool.ChangeStatus(ToolStatus.Approved, "Approved for the template tests.", At);
        }

        // The base URLs are never called: saving templates and flows reads only the stored rows.
        var redmine = new Connection(Guid.NewGuid(), "Support Redmine", ToolKeys.Redmine, "http://127.0.0.1:9", "unused", AdminName, At);
        var gitHub = new Connection(Guid.NewGuid(), "Engineering GitHub", ToolKeys.GitHub, "http://127.0.0.1:9", "unused", AdminName, At);
        db.Connections.AddRange(redmine, gitHub);
        await db.SaveChangesAsync(CancellationToken.None);
        await TestGrants.AllowUseAsync(host, RequesterId, RequesterName, redmine.Id, gitHub.Id);
        return new TemplateTestBed(host, scheduler, redmine.Id, gitHub.Id);
    }

    public AsyncServiceScope AsAdmin() => Host.ScopeFor(AdminId, AdminName, Roles.ItAdmin);

    public AsyncServiceScope AsRequester() => Host.ScopeFor(RequesterId, RequesterName, Roles.Requester);

    /// <summary>Creates a template through the service, as an IT admin, and returns its id.</summary>
    public async Task<Guid> CreateTemplateAsync(SaveTemplateCommand command)
    {
        await using var admin = AsAdmin();
        return await admin.ServiceProvider.GetRequiredService<ITemplateService>().CreateAsync(command, CancellationToken.None);
    }

    /// <summary>Adds a request of the requester in <paramref name="status"/>, approved by <paramref name="approvedByTemplate"/> when given.</summary>
    public async Task<Guid> AddRequestAsync(
        string fields,
        SyncDirection direction = SyncDirection.AToB,
        RequestStatus status = RequestStatus.Submitted,
        DataClassification classification = DataClassification.Internal,
        Guid? approvedByTemplate = null,
        string toolA = ToolKeys.Redmine,
        string toolB = ToolKeys.GitHub,
        string useCase = "Copy support bugs to engineering")
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IPortalDbContext>();
        // Each request is submitted a minute after the one before, so lists ordered by submission have one order.
        var submittedAt = At.AddMinutes(++_requestsAdded);
        var request = new IntegrationRequest(Guid.NewGuid(), RequesterId, RequesterName, toolA, toolB, useCase, fields, direction, "Bugs are copied by hand.", submittedAt);
        request.Describe(string.Empty, classification, null);
        if (approvedByTemplate is { } templateId)
        {
            request.ApproveByTemplate(templateId, "Support bugs", 1, submittedAt);
        }
        else if (status == RequestStatus.Approved)
        {
            request.Approve(AdminName, submittedAt);
        }
        else if (status == RequestStatus.InReview)
        {
            request.StartReview(submittedAt);
        }
        else if (status == RequestStatus.NeedsInformation)
        {
            request.AskForInformation(submittedAt);
        }

        db.Requests.Add(request);
        await db.SaveChangesAsync(CancellationToken.None);
        return request.Id;
    }

    /// <summary>Returns a flow command from Redmine to GitHub for the request, mapping title and status one way.</summary>
    public SaveFlowCommand FlowCommand(Guid requestId, Guid? templateId = null) => new()
    {
        RequestId = requestId,
        Name = "Support to engineering",
        ConnectionAId = RedmineConnectionId,
        ContainerA = "support",
        ConnectionBId = GitHubConnectionId,
        ContainerB = "acme/engineering",
        ScheduleMinutes = 15,
        TemplateId = templateId,
        Mappings =
        [
            new FieldMappingInput { FieldA = "title", FieldB = "title", Direction = SyncDirection.AToB },
            new FieldMappingInput
            {
                FieldA = "status",
                FieldB = "status",
                Direction = SyncDirection.AToB,
                ValueMap = [new ValueMapInput { ValueA = "New", ValueB = "open" }, new ValueMapInput { ValueA = "Closed", ValueB = "closed" }],
            },
        ],
    };

    public async Task<Guid> CreateFlowAsync(SaveFlowCommand command)
    {
        await using var requester = AsRequester();
        return await requester.ServiceProvider.GetRequiredService<IFlowService>().CreateAsync(command, CancellationToken.None);
    }

    public async Task<Flow> ReadFlowAsync(Guid flowId)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPortalDbContext>().Flows.AsNoTracking().SingleAsync(f => f.Id == flowId);
    }

    /// <summary>Returns the details of the audit events with the action, oldest first.</summary>
    public async Task<List<string>> AuditDetailsAsync(string action, string targetId)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPortalDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == action && e.TargetId == targetId)
            .OrderBy(e => e.Id)
            .Select(e => e.Details)
            .ToListAsync();
    }

    /// <summary>A template from Redmine to GitHub: title one way, status one way, every 5 to 60 minutes, up to internal data.</summary>
    public static SaveTemplateCommand SupportBugs() => new()
    {
        Name = "Support bugs",
        ToolA = ToolKeys.Redmine,
        ToolB = ToolKeys.GitHub,
        UseCase = "Copy support bugs to engineering",
        Fields =
        [
            new TemplateFieldInput { FieldA = "title", FieldB = "title", Direction = SyncDirection.AToB },
            new TemplateFieldInput { FieldA = "status", FieldB = "status", Direction = SyncDirection.AToB },
            new TemplateFieldInput { FieldA = "description", FieldB = "description", Direction = SyncDirection.AToB },
        ],
        Mappings =
        [
            new FieldMappingInput { FieldA = "title", FieldB = "title", Direction = SyncDirection.AToB },
            new FieldMappingInput
            {
                FieldA = "status",
                FieldB = "status",
                Direction = SyncDirection.AToB,
                ValueMap = [new ValueMapInput { ValueA = "Closed", ValueB = "closed" }],
            },
        ],
        MinScheduleMinutes = 5,
        MaxScheduleMinutes = 60,
        MaxClassification = DataClassification.Internal,
        AutoApproves = true,
    };

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

/// <summary>A scheduler that only records which flows were scheduled and unscheduled.</summary>
public sealed class RecordingScheduler : ISyncScheduler
{
    public List<Guid> Scheduled { get; } = [];

    public List<Guid> Unscheduled { get; } = [];

    public void Schedule(Guid flowId, int minutes) => Scheduled.Add(flowId);

    public void Unschedule(Guid flowId) => Unscheduled.Add(flowId);

    public void Enqueue(Guid flowId)
    {
    }

    public void EnqueueWebhook(Guid flowId)
    {
    }

    public void EnqueueFollowUp(Guid flowId, DateTimeOffset at)
    {
    }
}
