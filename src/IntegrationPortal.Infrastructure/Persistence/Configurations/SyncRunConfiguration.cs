using IntegrationPortal.Domain.Flows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationPortal.Infrastructure.Persistence.Configurations;

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Trigger).HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Error).HasMaxLength(SyncRun.MaxErrorLength);
        builder.Property(r => r.Warnings).HasMaxLength(SyncRun.MaxWarningsLength);
        builder.HasOne<Flow>().WithMany().HasForeignKey(r => r.FlowId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.FlowId, r.StartedAt });
    }
}
