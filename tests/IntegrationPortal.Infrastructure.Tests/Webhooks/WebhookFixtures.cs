namespace IntegrationPortal.Infrastructure.Tests.Webhooks;

/// <summary>The recorded GitHub deliveries in Webhooks/Fixtures (see SOURCES.md there), as raw bytes.</summary>
internal static class WebhookFixtures
{
    public const string Repository = "Codertocat/Hello-World";
    public const string TransferSource = "octo-org/octo-repo";

    public static byte[] IssuesOpened => Read("webhook__issues__opened.payload.json");

    public static byte[] IssuesLabeled => Read("webhook__issues__labeled.payload.json");

    /// <summary>An issue moved from <see cref="TransferSource"/> (the payload's repository) to <see cref="Repository"/>.</summary>
    public static byte[] IssuesTransferred => Read("webhook__issues__transferred.payload.json");

    public static byte[] IssueCommentCreated => Read("webhook__issue_comment__created.payload.json");

    public static byte[] Ping => Read("webhook__ping__payload.json");

    private static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Webhooks", "Fixtures", name));
}
