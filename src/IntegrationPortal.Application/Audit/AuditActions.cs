namespace IntegrationPortal.Application.Audit;

/// <summary>The action names written to the activity log, so filters and tests use one spelling.</summary>
public static class AuditActions
{
    public const string OwnerCreated = "user.owner-created";
    public const string UserCreated = "user.created";
    public const string SignedIn = "user.signed-in";
    public const string SignInFailed = "user.sign-in-failed";
    public const string SignedOut = "user.signed-out";
    public const string ToolStatusChanged = "tool.status-changed";
    public const string ConnectionCreated = "connection.created";
    public const string ConnectionTested = "connection.tested";
    public const string WebhooksEnabled = "connection.webhooks-enabled";
    public const string WebhookSecretRotated = "connection.webhook-secret-rotated";
    public const string WebhooksDisabled = "connection.webhooks-disabled";
    public const string WebhookRejected = "connection.webhook-rejected";
    public const string RequestSubmitted = "request.submitted";
    public const string RequestApproved = "request.approved";
    public const string RequestRejected = "request.rejected";
    public const string RequestAssigned = "request.assigned";
    public const string RequestReviewStarted = "request.review-started";
    public const string BacklogSeeded = "request.backlog-seeded";
    public const string FlowCreated = "flow.created";
    public const string FlowActivated = "flow.activated";
    public const string FlowPaused = "flow.paused";
    public const string FlowResumed = "flow.resumed";
    public const string FlowRunRequested = "flow.run-requested";
    public const string FlowRunFinished = "flow.run-finished";
    public const string ItemSynced = "item.synced";
    public const string ItemLinkFlagged = "item.link-flagged";
    public const string ConflictDetected = "conflict.detected";
    public const string ConflictResolved = "conflict.resolved";
    public const string ConflictResolveFailed = "conflict.resolve-failed";
    public const string ChainVerified = "audit.chain-verified";
    public const string ChainBroken = "audit.chain-broken";
    public const string Pruned = "audit.pruned";
}
