using IntegrationPortal.Domain.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationPortal.Infrastructure.Persistence.Configurations;

internal sealed class ConnectionGrantConfiguration : IEntityTypeConfiguration<ConnectionGrant>
{
    public void Configure(EntityTypeBuilder<ConnectionGrant> builder)
    {
        builder.HasKey(g => g.Id);
        builder.Property(g => g.PrincipalKind).HasConversion<string>().HasMaxLength(10);
        builder.Property(g => g.PrincipalId).HasMaxLength(ConnectionGrant.MaxPrincipalIdLength);
        builder.Property(g => g.PrincipalName).HasMaxLength(ConnectionGrant.MaxPrincipalNameLength);
        builder.Property(g => g.Right).HasConversion<string>().HasMaxLength(10);
        builder.Property(g => g.GrantedBy).HasMaxLength(256);
        builder.HasOne<Connection>().WithMany().HasForeignKey(g => g.ConnectionId).OnDelete(DeleteBehavior.Cascade);

        // One grant per principal and connection. The second index serves the lookup of a user's grants.
        builder.HasIndex(g => new { g.ConnectionId, g.PrincipalKind, g.PrincipalId }).IsUnique();
        builder.HasIndex(g => new { g.PrincipalKind, g.PrincipalId });
    }
}
