namespace IntegrationPortal.Web.Components.Pages.Queue;

/// <summary>What the confirmation dialog adds to a previewed decision: the rejection reason and the template name.</summary>
public sealed record ConfirmedDecision(string Reason, string TemplateName);
