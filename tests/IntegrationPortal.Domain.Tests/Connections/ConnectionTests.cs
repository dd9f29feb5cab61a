using IntegrationPortal.Domain.Common;
using IntegrationPortal.Domain.Connections;

namespace IntegrationPortal.Domain.Tests.Connections;

public sealed class ConnectionTests
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = CreatedAt.AddDays(3);
    private static readonly DateTimeOffset Expiry = CreatedAt.AddDays(90);

    [Fact]
    public void RecordTest_Success_SetsHealthAndExpiry()
    {
        var connection = NewConnection();

        connection.RecordTest(true, "Connected as portal-bot", Later, Expiry);

        Assert.Equal(Later, connection.LastSuccessAt);
        Assert.Equal(Expiry, connection.TokenExpiresAt);
        Assert.Null(connection.LastErrorAt);
    }

    [Fact]
    public void RecordTest_Failure_KeepsLastSuccess()
    {
        var connection = NewConnection();
        connection.RecordSuccess(CreatedAt, Expiry);

        connection.RecordTest(false, "GitHub rejected the token (HTTP 401).", Later);

        Assert.Equal(CreatedAt, connection.LastSuccessAt);
        Assert.Equal(Later, connection.LastErrorAt);
        Assert.Equal("GitHub rejected the token (HTTP 401).", connection.LastErrorMessage);
        Assert.Equal(Expiry, connection.TokenExpiresAt);
    }

    [Fact]
    public void RecordError_LongMessage_IsCut()
    {
        var connection = NewConnection();

        connection.RecordError(new string('x', Connection.MaxHealthMessageLength + 50), Later);

        Assert.Equal(Connection.MaxHealthMessageLength, connection.LastErrorMessage!.Length);
        Assert.EndsWith("…", connection.LastErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void RotateSecret_ClearsOldSecretsTestAndExpiry()
    {
        var connection = NewConnection();
        connection.RecordTest(true, "Connected as portal-bot", CreatedAt, Expiry);

        connection.RotateSecret("protected-new", Later);

        Assert.Equal("protected-new", connection.ProtectedSecret);
        Assert.Equal(Later, connection.SecretRotatedAt);
        Assert.Null(connection.TokenExpiresAt);
        Assert.Null(connection.LastTestSucceeded);
    }

    [Fact]
    public void Revoke_WithoutReason_Throws()
    {
        var connection = NewConnection();

        Assert.Throws<DomainException>(() => connection.Revoke("ivan@example.com", " ", Later));

        Assert.False(connection.IsRevoked);
    }

    [Fact]
    public void Revoked_RejectsRotateAndSecondRevoke()
    {
        var connection = NewConnection();
        connection.Revoke("ivan@example.com", " The bot account was removed. ", Later);

        Assert.Throws<DomainException>(() => connection.RotateSecret("protected-new", Later));
        Assert.Throws<DomainException>(() => connection.Revoke("ivan@example.com", "Again.", Later));

        Assert.True(connection.IsRevoked);
        Assert.Equal("The bot account was removed.", connection.RevokeReason);
        Assert.Equal("protected-old", connection.ProtectedSecret);
    }

    [Fact]
    public void Grant_UndefinedRight_Throws()
    {
        Assert.Throws<DomainException>(() => new ConnectionGrant(
            Guid.NewGuid(), Guid.NewGuid(), PrincipalKind.User, "u-rita", "rita@example.com", (ConnectionRight)7, "ivan@example.com", CreatedAt));
    }

    [Fact]
    public void Grant_ChangeRight_RecordsGrantor()
    {
        var grant = new ConnectionGrant(Guid.NewGuid(), Guid.NewGuid(), PrincipalKind.Group, "6f1c", "Support team", ConnectionRight.Use, "ivan@example.com", CreatedAt);

        grant.ChangeRight(ConnectionRight.Manage, "olga@example.com", Later);

        Assert.Equal(ConnectionRight.Manage, grant.Right);
        Assert.Equal("olga@example.com", grant.GrantedBy);
        Assert.Equal(Later, grant.GrantedAt);
    }

    private static Connection NewConnection() =>
        new(Guid.NewGuid(), "Support GitHub", "github", "http://127.0.0.1:5005", "protected-old", "ivan@example.com", CreatedAt);
}
