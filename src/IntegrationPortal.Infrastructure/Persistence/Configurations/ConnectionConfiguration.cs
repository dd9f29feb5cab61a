using IntegrationPortal.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationPortal.Infrastructure.Persistence.Configurations;

internal sealed class ConnectionConfiguration : IEntityTypeConfiguration<Connection>
{
    public void Configure(EntityTypeBuilder<Connection> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(Connection.MaxNameLength);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Property(c => c.ToolKey).HasMaxLength(50);
        builder.Property(c => c.BaseUrl).HasMaxLength(Connection.MaxBaseUrlLength);
        builder.Property(c => c.ProtectedSecret).HasMaxLength(4000);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.Property(c => c.LastTestMessage).HasMaxLength(Connection.MaxHealthMessageLength);
        builder.Property(c => c.ProtectedWebhookSecret).HasMaxLength(4000);
        builder.Ignore(c => c.ReceivesWebhooks);
        builder.Property(c => c.LastErrorMessage).HasMaxLength(Connection.MaxHealthMessageLength);
        builder.Property(c => c.RevokedBy).HasMaxLength(256);
        builder.Property(c => c.RevokeReason).HasMaxLength(Connection.MaxRevokeReasonLength);
        builder.Ignore(c => c.IsRevoked);
    }
}
