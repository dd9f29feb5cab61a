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
