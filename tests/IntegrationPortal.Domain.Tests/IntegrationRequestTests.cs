using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Flows;
using IntegrationPortal.Domain.Requests;

namespace IntegrationPortal.Domain.Tests;

public sealed class IntegrationRequestTests
{
    private static readonly DateTimeOffset SubmittedAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DecidedAt = SubmittedAt.AddHours(2);

    [Fact]
    public void New_IsSubmitted()
    {
        var request = NewRequest();

        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Null(request.DecidedBy);
    }

    [Fact]
    public void Approve_RecordsDecision()
    {
        var request = NewRequest();

        request.Approve("it-admin", DecidedAt);

        Assert.Equal(RequestStatus.Approved, request.Status);
        Assert.Equal("it-admin", request.DecidedBy);
        Assert.Equal(DecidedAt, request.DecidedAt);
    }

    [Fact]
    public void Reject_RecordsTrimmedReason()
    {
        var request = NewRequest();

        request.Reject("it-admin", "  Use the approved Jira template.  ", DecidedAt);

        Assert.Equal(RequestStatus.Rejected, request.Status);
        Assert.Equal("Use the approved Jira template.", request.DecisionReason);
        Assert.Equal(DecidedAt, request.DecidedAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Reject_WithoutReason_Throws(string reason)
    {
        var request = NewRequest();

        var exception = Assert.Throws<DomainException>(() => request.Reject("it-admin", reason, DecidedAt));

        Assert.Contains("reason", exception.Message);
        Assert.Equal(RequestStatus.Submitted, request.Status);
    }

    [Fact]
    public void Approve_AfterApprove_Throws()
    {
        var request = NewRequest();
        request.Approve("it-admin", DecidedAt);

        var exception = Assert.Throws<DomainException>(() => request.Approve("other-admin", DecidedAt));

        Assert.Contains("is approved, so it cannot become approved", exception.Message);
        Assert.Equal("it-admin", request.DecidedBy);
    }

    [Fact]
    public void Reject_AfterApprove_Throws()
    {
        var request = NewRequest();
        request.Approve("it-admin", DecidedAt);

        Assert.Throws<DomainException>(() => request.Reject("other-admin", "Changed my mind.", DecidedAt));

        Assert.Equal(RequestStatus.Approved, request.Status);
    }

    [Fact]
    public void Approve_AfterReject_Throws()
    {
        var request = NewRequest();
        request.Reject("it-admin", "Not allowed.", DecidedAt);

        var exception = Assert.Throws<DomainException>(() => request.Approve("other-admin", DecidedAt));

        Assert.Contains("is rejected, so it cannot become approved", exception.Message);
        Assert.Equal(RequestStatus.Rejected, request.Status);
    }

    public static TheoryData<RequestStatus, RequestStatus> AllowedMoves()
    {
        var data = new TheoryData<RequestStatus, RequestStatus>();
        foreach (var (from, targets) in IntegrationRequest.AllowedTransitions)
        {
            foreach (var to in targets)
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    public static TheoryData<RequestStatus, RequestStatus> RejectedMoves()
    {
        var data = new TheoryData<RequestStatus, RequestStatus>();
        foreach (var from in Enum.GetValues<RequestStatus>())
        {
            // No method moves a request back to draft; AllowedTransitions_NeverReturnToDraft covers that.
            var targets = Enum.GetValues<RequestStatus>().Where(to => to != RequestStatus.Draft);
            foreach (var to in targets.Where(to => !IntegrationRequest.AllowedTransitions[from].Contains(to)))
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Fact]
    public void AllowedTransitions_ListEveryStatus()
    {
        Assert.Equal(Enum.GetValues<RequestStatus>().Order(), IntegrationRequest.AllowedTransitions.Keys.Order());
    }

    [Fact]
    public void AllowedTransitions_NeverReturnToDraft()
    {
        Assert.DoesNotContain(IntegrationRequest.AllowedTransitions.Values, targets => targets.Contains(RequestStatus.Draft));
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void Move_Allowed_ChangesStatus(RequestStatus from, RequestStatus to)
    {
        var request = RequestIn(from);
        var at = DecidedAt.AddDays(1);

        MoveTo(request, to, at);

        Assert.Equal(to, request.Status);
        Assert.Equal(at, request.StatusChangedAt);
    }

    [Theory]
    [MemberData(nameof(RejectedMoves))]
    public void Move_NotAllowed_Throws(RequestStatus from, RequestStatus to)
    {
        var request = RequestIn(from);
        var changedAt = request.StatusChangedAt;

        // MarkBuilt and MarkLive ignore a request that is not ready, because every flow calls them.
        if (to is RequestStatus.Built or RequestStatus.Live)
        {
            MoveTo(request, to, DecidedAt.AddDays(1));
        }
        else
        {
            Assert.Throws<DomainException>(() => MoveTo(request, to, DecidedAt.AddDays(1)));
        }

        Assert.Equal(from, request.Status);
        Assert.Equal(changedAt, request.StatusChangedAt);
    }

    [Theory]
    [InlineData(RequestStatus.Draft, "Dana Requester")]
    [InlineData(RequestStatus.Submitted, null)]
    [InlineData(RequestStatus.InReview, null)]
    [InlineData(RequestStatus.NeedsInformation, "Dana Requester")]
    [InlineData(RequestStatus.Approved, "Dana Requester")]
    [InlineData(RequestStatus.Built, "Dana Requester")]
    [InlineData(RequestStatus.Rejected, null)]
    [InlineData(RequestStatus.Live, null)]
    [InlineData(RequestStatus.Retired, null)]
    public void HolderName_FollowsStatus(RequestStatus status, string? holder)
    {
        Assert.Equal(holder, RequestIn(status).HolderName);
    }

    [Fact]
    public void HolderName_OfAssignedReview_IsAssignee()
    {
        var request = RequestIn(RequestStatus.InReview);

        request.AssignTo("admin-1", "Ivan Admin");

        Assert.Equal("Ivan Admin", request.HolderName);
    }

    [Fact]
    public void ApproveByTemplate_RecordsTemplate()
    {
        var request = NewRequest();
        var templateId = Guid.NewGuid();

        request.ApproveByTemplate(templateId, "Support bugs", 2, DecidedAt);

        Assert.True(request.ApprovedByTemplate);
        Assert.Equal("template Support bugs, version 2", request.DecidedBy);
        Assert.Equal(templateId, request.TemplateId);
        Assert.Null(request.TemplateDifferences);
    }

    [Fact]
    public void RecordPolicyViolations_JoinsLinesAndClears()
    {
        var request = NewRequest();

        request.RecordPolicyViolations(["First violation.", "Second violation."]);
        var recorded = request.PolicyViolations;
        request.RecordPolicyViolations([]);

        Assert.Equal("First violation.\nSecond violation.", recorded);
        Assert.Null(request.PolicyViolations);
    }

    [Fact]
    public void RecordPolicyViolations_CutsAtMaxLength()
    {
        var request = NewRequest();

        request.RecordPolicyViolations([new string('x', IntegrationRequest.MaxViolationsLength + 10)]);

        Assert.Equal(IntegrationRequest.MaxViolationsLength, request.PolicyViolations!.Length);
    }

    [Fact]
    public void EditDraft_AfterSubmit_Throws()
    {
        var request = NewRequest();

        Assert.Throws<DomainException>(() => request.EditDraft(
            "github", "github", "Other", string.Empty, "title", SyncDirection.Both, Domain.Policies.DataClassification.Public, "Because.", null));
    }

    /// <summary>Builds a request in the given status through the allowed moves only.</summary>
    private static IntegrationRequest RequestIn(RequestStatus status)
    {
        var request = new IntegrationRequest(
            Guid.NewGuid(), "user-1", "Dana Requester", "redmine", "github", "Sync support tickets", "subject",
            SyncDirection.Both, "Support and engineering track the same bugs twice.", SubmittedAt, asDraft: true);
        RequestStatus[] path = status switch
        {
            RequestStatus.Draft => [],
            RequestStatus.Submitted => [RequestStatus.Submitted],
            RequestStatus.InReview => [RequestStatus.Submitted, RequestStatus.InReview],
            RequestStatus.NeedsInformation => [RequestStatus.Submitted, RequestStatus.NeedsInformation],
            RequestStatus.Approved => [RequestStatus.Submitted, RequestStatus.Approved],
            RequestStatus.Rejected => [RequestStatus.Submitted, RequestStatus.Rejected],
            RequestStatus.Built => [RequestStatus.Submitted, RequestStatus.Approved, RequestStatus.Built],
            RequestStatus.Live => [RequestStatus.Submitted, RequestStatus.Approved, RequestStatus.Built, RequestStatus.Live],
            _ => [RequestStatus.Submitted, RequestStatus.Approved, RequestStatus.Retired],
        };
        foreach (var step in path)
        {
            MoveTo(request, step, SubmittedAt);
        }

        Assert.Equal(status, request.Status);
        return request;
    }

    private static void MoveTo(IntegrationRequest request, RequestStatus to, DateTimeOffset at)
    {
        switch (to)
        {
            case RequestStatus.Submitted:
                request.Submit(at);
                break;
            case RequestStatus.InReview when request.Status == RequestStatus.NeedsInformation:
                request.ProvideInformation(at);
                break;
            case RequestStatus.InReview:
                request.StartReview(at);
                break;
            case RequestStatus.NeedsInformation:
                request.AskForInformation(at);
                break;
            case RequestStatus.Approved:
                request.Approve("it-admin", at);
                break;
            case RequestStatus.Rejected:
                request.Reject("it-admin", "Not allowed.", at);
                break;
            case RequestStatus.Built:
                request.MarkBuilt(at);
                break;
            case RequestStatus.Live:
                request.MarkLive(at);
                break;
            case RequestStatus.Retired:
                request.Retire(at);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(to), to, "No method moves a request back to draft.");
        }
    }

    private static IntegrationRequest NewRequest() => new(
        Guid.NewGuid(),
        "user-1",
        "Dana Requester",
        "redmine",
        "github",
        "Sync support tickets to engineering issues",
        "subject, description, status",
        SyncDirection.Both,
        "Support and engineering track the same bugs twice.",
        SubmittedAt);
}
