using IntegrationPortal.Infrastructure.Audit.Forwarding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationPortal.Infrastructure.Persistence.Configurations;

internal sealed class AuditForwarderPositionConfiguration : IEntityTypeConfiguration<AuditForwarderPosition>
{
    public void Configure(EntityTypeBuilder<AuditForwarderPosition> builder)
    {
        builder.HasKey(p => p.Sink);
        builder.Property(p => p.Sink).HasMaxLength(50);
        builder.Property(p => p.LeaseHolder).HasMaxLength(200);
    }
}
