using System.Text.Json;
using IntegrationPortal.Application.Common;
using IntegrationPortal.Domain.Audit;

namespace IntegrationPortal.Application.Audit;

internal sealed class AuditLog(IPortalDbContext db, ICurrentUser user, TimeProvider time) : IAuditLog
{
    private static readonly JsonSerializerOptions DetailsFormat = new(JsonSerializerDefaults.Web);

    public void Record(string action, string targetType, string targetId, object? details = null) =>
        RecordAs(user.UserId ?? "anonymous", user.UserName, action, targetType, targetId, details);

    public void RecordAs(string actorId, string actorName, string action, string targetType, string targetId, object? details = null)
    {
        var json = details is null ? "{}" : JsonSerializer.Serialize(details, DetailsFormat);
        db.AuditEvents.Add(new AuditEvent(time.GetUtcNow(), actorId, actorName, action, targetType, targetId, json));
    }
}
