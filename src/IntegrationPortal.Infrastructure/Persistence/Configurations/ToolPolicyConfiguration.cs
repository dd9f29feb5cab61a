using IntegrationPortal.Domain.Policies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationPortal.Infrastructure.Persistence.Configurations;

/// <summary>
/// One row per tool. The field rules and the item scope are JSON columns because they are always
/// read and replaced whole, and a tool has at most a few hundred rules.
/// </summary>
internal sealed class ToolPolicyConfiguration : IEntityTypeConfiguration<ToolPolicy>
{
    public void Configure(EntityTypeBuilder<ToolPolicy> builder)
    {
        builder.HasKey(p => p.ToolKey);
        builder.Property(p => p.ToolKey).HasMaxLength(50);
        builder.Property(p => p.DefaultAccess).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.FieldRules).HasJsonConversion();
        builder.Property(p => p.Scope).HasJsonConversion();
        builder.Property(p => p.ChangedBy).HasMaxLength(256);
        builder.HasOne<Domain.Catalog.Tool>().WithMany().HasForeignKey(p => p.ToolKey).OnDelete(DeleteBehavior.Cascade);
    }
}
