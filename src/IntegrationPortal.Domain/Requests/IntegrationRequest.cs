using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Policies;

namespace IntegrationPortal.Domain.Requests;

/// <summary>
/// A business user's request to connect two tools, from draft to retired. Every status change goes
/// through one of the methods below, which reject any move that <see cref="AllowedTransitions"/> lacks.
/// </summary>
public sealed class IntegrationRequest
{
    public const int MaxUseCaseLength = 200;
    public const int MaxItemsLength = 500;
    public const int MaxJustificationLength = 2000;
    public const int MaxFieldsLength = 1000;
    public const int MaxReasonLength = 1000;
    public const int MaxDifferencesLength = 2000;
    public const int MaxViolationsLength = 2000;

    private static readonly Dictionary<RequestStatus, RequestStatus[]> Transitions = new()
    {
        [RequestStatus.Draft] = [RequestStatus.Submitted],
        [RequestStatus.Submitted] = [RequestStatus.InReview, RequestStatus.NeedsInformation, RequestStatus.Approved, RequestStatus.Rejected],
        [RequestStatus.InReview] = [RequestStatus.NeedsInformation, RequestStatus.Approved, RequestStatus.Rejected],
        [RequestStatus.NeedsInformation] = [RequestStatus.InReview, RequestStatus.Rejected],
        [RequestStatus.Approved] = [RequestStatus.Built, RequestStatus.Retired],
        [RequestStatus.Rejected] = [],
        [RequestStatus.Built] = [RequestStatus.Live, RequestStatus.Retired],
        [RequestStatus.Live] = [RequestStatus.Retired],
        [RequestStatus.Retired] = [],
    };

    private IntegrationRequest()
    {
        RequesterId = string.Empty;
        RequesterName = string.Empty;
        ToolA = string.Empty;
        ToolB = string.Empty;
        UseCase = string.Empty;
        Items = string.Empty;
        Fields = string.Empty;
        Justification = string.Empty;
    }

    /// <summary>Creates a request that is submitted at once, or a draft when <paramref name="asDraft"/> is true.</summary>
    public IntegrationRequest(
        Guid id,
        string requesterId,
        string requesterName,
        string toolA,
        string toolB,
        string useCase,
        string fields,
        SyncDirection direction,
        string justification,
        DateTimeOffset at,
        bool asDraft = false)
    {
        Id = id;
        RequesterId = requesterId;
        RequesterName = requesterName;
        ToolA = toolA;
        ToolB = toolB;
        UseCase = useCase;
        Items = string.Empty;
        Fields = fields;
        Direction = direction;
        Justification = justification;
        Classification = DataClassification.Internal;
        CreatedAt = at;
        StatusChangedAt = at;
        if (asDraft)
        {
            Status = RequestStatus.Draft;
        }
        else
        {
            Status = RequestStatus.Submitted;
            SubmittedAt = at;
        }
    }

    /// <summary>Every allowed move from one status to the next; any other move is rejected.</summary>
    public static IReadOnlyDictionary<RequestStatus, RequestStatus[]> AllowedTransitions => Transitions;

    public Guid Id { get; private set; }

    public string RequesterId { get; private set; }

    public string RequesterName { get; private set; }

    public string ToolA { get; private set; }

    public string ToolB { get; private set; }

    public string UseCase { get; private set; }

    /// <summary>Which items should sync, as the requester describes them (a project, a label, a type).</summary>
    public string Items { get; private set; }

    /// <summary>The fields the requester wants synced, as they typed them (comma-separated).</summary>
    public string Fields { get; private set; }

    public SyncDirection Direction { get; private set; }

    /// <summary>The most sensitive kind of data that the requester declares for the sync.</summary>
    public DataClassification Classification { get; private set; }

    public string Justification { get; private set; }

    /// <summary>The date by which the requester needs the integration, if they gave one.</summary>
    public DateOnly? WantedBy { get; private set; }

    public RequestStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the request left draft, or null while it is a draft.</summary>
    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset StatusChangedAt { get; private set; }

    /// <summary>The IT admin the request is assigned to, or null while it waits in the shared queue.</summary>
    public string? AssigneeId { get; private set; }

    public string? AssigneeName { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecisionReason { get; private set; }

    /// <summary>The template that approved the request at once, or that it came closest to; null when none matched.</summary>
    public Guid? TemplateId { get; private set; }

    public int? TemplateVersion { get; private set; }

    public string? TemplateName { get; private set; }

    /// <summary>True when the template approved the request without a person deciding.</summary>
    public bool ApprovedByTemplate { get; private set; }

    /// <summary>How the request goes beyond its closest template, one difference per line, for the IT queue.</summary>
    public string? TemplateDifferences { get; private set; }

    /// <summary>The policy violations found when the request was submitted, one per line, for the IT queue; null when none.</summary>
    public string? PolicyViolations { get; private set; }

    /// <summary>When the first flow built from the request went live.</summary>
    public DateTimeOffset? LiveAt { get; private set; }

    /// <summary>
    /// Who has to act next: the requester, the assigned admin, or null for the shared IT queue
    /// (while submitted or in review without an assignee) and for requests with nothing left to do.
    /// </summary>
    public string? HolderName => Status switch
    {
        RequestStatus.Draft or RequestStatus.NeedsInformation or RequestStatus.Approved or RequestStatus.Built => RequesterName,
        RequestStatus.Submitted or RequestStatus.InReview => AssigneeName,
        _ => null,
    };

    public bool IsOpen => Status is RequestStatus.Submitted or RequestStatus.InReview or RequestStatus.NeedsInformation;

    public static bool CanMove(RequestStatus from, RequestStatus to) => Transitions[from].Contains(to);

    /// <summary>Changes the content of a draft. Only drafts can be edited.</summary>
    public void EditDraft(
        string toolA,
        string toolB,
        string useCase,
        string items,
        string fields,
        SyncDirection direction,
        DataClassification classification,
        string justification,
        DateOnly? wantedBy)
    {
        if (Status != RequestStatus.Draft)
        {
            throw new DomainException("Only a draft can be edited; this request is already submitted.");
        }

        ToolA = toolA;
        ToolB = toolB;
        UseCase = useCase;
        Describe(items, classification, wantedBy);
        Fields = fields;
        Direction = direction;
        Justification = justification;
    }

    /// <summary>Sets the wizard's details that the constructor does not take.</summary>
    public void Describe(string items, DataClassification classification, DateOnly? wantedBy)
    {
        Items = items;
        Classification = classification;
        WantedBy = wantedBy;
    }

    public void Submit(DateTimeOffset at)
    {
        Move(RequestStatus.Submitted, at);
        SubmittedAt = at;
    }

    /// <summary>Records the template the request came closest to, and how it differs (empty when inside it).</summary>
    public void RecordTemplateMatch(Guid templateId, string templateName, int version, IReadOnlyList<string> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        TemplateId = templateId;
        TemplateName = templateName;
        TemplateVersion = version;
        var text = string.Join('\n', differences);
        TemplateDifferences = text.Length == 0 ? null : text[..Math.Min(text.Length, MaxDifferencesLength)];
    }

    /// <summary>Records the violations the policy check found at submission (an empty list clears them).</summary>
    public void RecordPolicyViolations(IReadOnlyList<string> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var text = string.Join('\n', violations);
        PolicyViolations = text.Length == 0 ? null : text[..Math.Min(text.Length, MaxViolationsLength)];
    }

    public void AssignTo(string? adminId, string? adminName)
    {
        if (!IsOpen)
        {
            throw new DomainException($"The request is {Describe(Status)}; only an open request can be assigned.");
        }

        AssigneeId = adminId;
        AssigneeName = adminId is null ? null : adminName;
    }

    public void StartReview(DateTimeOffset at) => Move(RequestStatus.InReview, at);

    /// <summary>Sends the request back to its requester; the question itself is a comment.</summary>
    public void AskForInformation(DateTimeOffset at) => Move(RequestStatus.NeedsInformation, at);

    /// <summary>Moves the request back to IT after the requester replied.</summary>
    public void ProvideInformation(DateTimeOffset at) => Move(RequestStatus.InReview, at);

    public void Approve(string decidedBy, DateTimeOffset at)
    {
        Move(RequestStatus.Approved, at);
        DecidedBy = decidedBy;
        DecidedAt = at;
    }

    /// <summary>Approves at once because the request stays inside a template that approves automatically.</summary>
    public void ApproveByTemplate(Guid templateId, string templateName, int version, DateTimeOffset at)
    {
        RecordTemplateMatch(templateId, templateName, version, []);
        Approve($"template {templateName}, version {version}", at);
        ApprovedByTemplate = true;
    }

    public void Reject(string decidedBy, string reason, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("A reason is required to reject a request.");
        }

        Move(RequestStatus.Rejected, at);
        DecidedBy = decidedBy;
        DecidedAt = at;
        DecisionReason = reason.Trim();
    }

    /// <summary>A flow was built from the request. Later flows of a built or live request change nothing.</summary>
    public void MarkBuilt(DateTimeOffset at)
    {
        if (Status == RequestStatus.Approved)
        {
            Move(RequestStatus.Built, at);
        }
    }

    /// <summary>A flow of the request was activated for the first time.</summary>
    public void MarkLive(DateTimeOffset at)
    {
        if (Status == RequestStatus.Built)
        {
            Move(RequestStatus.Live, at);
            LiveAt = at;
        }
    }

    public void Retire(DateTimeOffset at) => Move(RequestStatus.Retired, at);

    public static string Describe(RequestStatus status) => status switch
    {
        RequestStatus.InReview => "in review",
        RequestStatus.NeedsInformation => "waiting for information",
        _ => status.ToString().ToLowerInvariant(),
    };

    private void Move(RequestStatus to, DateTimeOffset at)
    {
        if (!CanMove(Status, to))
        {
            throw new DomainException($"The request is {Describe(Status)}, so it cannot become {Describe(to)}.");
        }

        Status = to;
        StatusChangedAt = at;
    }
}
