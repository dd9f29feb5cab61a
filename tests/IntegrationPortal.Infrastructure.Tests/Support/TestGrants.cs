using IntegrationPortal.Domain.Connections;
using IntegrationPortal.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationPortal.Infrastructure.Tests.Support;

/// <summary>
/// Shares connections with test users that have no Identity account, which the sharing service
/// would reject, by writing the grants straight to the database.
/// </summary>
internal static class TestGrants
{
    public static async Task AllowAsync(PortalTestHost host, string userId, string userName, ConnectionRight right, params Guid[] connectionIds)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        foreach (var connectionId in connectionIds)
        {
            db.ConnectionGrants.Add(new ConnectionGrant(
                Guid.NewGuid(), connectionId, PrincipalKind.User, userId, userName, right, "test setup", DateTimeOffset.UnixEpoch));
        }

        await db.SaveChangesAsync();
    }

    public static Task AllowUseAsync(PortalTestHost host, string userId, string userName, params Guid[] connectionIds) =>
        AllowAsync(host, userId, userName, ConnectionRight.Use, connectionIds);
}
