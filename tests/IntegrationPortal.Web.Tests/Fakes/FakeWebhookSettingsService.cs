using IntegrationPortal.Application.Webhooks;

namespace IntegrationPortal.Web.Tests.Fakes;

/// <summary>Webhook states that tests fill. Generating a secret turns the connection on and returns a fixed secret.</summary>
public sealed class FakeWebhookSettingsService : IWebhookSettingsService
{
    public const string GeneratedSecret = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";

    public List<WebhookStatusDto> Statuses { get; } = [];

    public List<Guid> Disabled { get; } = [];

    public Task<IReadOnlyList<WebhookStatusDto>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WebhookStatusDto>>([.. Statuses]);

    public Task<WebhookSecretDto> GenerateSecretAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        var index = Statuses.FindIndex(s => s.ConnectionId == connectionId);
        var rotated = Statuses[index].Enabled;
        Statuses[index] = Statuses[index] with { Enabled = true, SecretCreatedAt = DateTimeOffset.UnixEpoch };
        return Task.FromResult(new WebhookSecretDto(connectionId, GeneratedSecret, WebhookSettingsService.PathFor(connectionId), rotated));
    }

    public Task DisableAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        Disabled.Add(connectionId);
        var index = Statuses.FindIndex(s => s.ConnectionId == connectionId);
        Statuses[index] = Statuses[index] with { Enabled = false, SecretCreatedAt = null };
        return Task.CompletedTask;
    }
}
