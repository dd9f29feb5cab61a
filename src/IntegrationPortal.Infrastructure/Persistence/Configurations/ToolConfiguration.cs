using IntegrationPortal.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationPortal.Infrastructure.Persistence.Configurations;

internal sealed class ToolConfiguration : IEntityTypeConfiguration<Tool>
{
    public void Configure(EntityTypeBuilder<Tool> builder)
    {
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(Tool.MaxKeyLength);
        builder.Property(t => t.Name).HasMaxLength(Tool.MaxNameLength);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Reason).HasMaxLength(Tool.MaxReasonLength);
        builder.Property(t => t.OwnerId).HasMaxLength(Tool.MaxOwnerIdLength);
        builder.Property(t => t.OwnerName).HasMaxLength(Tool.MaxOwnerNameLength);
    }
}
