using IntegrationPortal.Domain.Conflicts;
using IntegrationPortal.Domain.Flows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationPortal.Infrastructure.Persistence.Configurations;

internal sealed class SyncConflictConfiguration : IEntityTypeConfiguration<SyncConflict>
{
    public void Configure(EntityTypeBuilder<SyncConflict> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ItemIdA).HasMaxLength(SyncConflict.MaxItemIdLength);
        builder.Property(c => c.ItemIdB).HasMaxLength(SyncConflict.MaxItemIdLength);
        builder.Property(c => c.FieldA).HasMaxLength(SyncConflict.MaxFieldLength);
        builder.Property(c => c.FieldB).HasMaxLength(SyncConflict.MaxFieldLength);
        builder.Property(c => c.AuthorA).HasMaxLength(SyncConflict.MaxAuthorLength);
        builder.Property(c => c.AuthorB).HasMaxLength(SyncConflict.MaxAuthorLength);
        builder.Property(c => c.Rule).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.KeptSide).HasMaxLength(1);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Resolution).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ResolvedById).HasMaxLength(450);
        builder.Property(c => c.ResolvedByName).HasMaxLength(256);
        builder.HasOne<Flow>().WithMany().HasForeignKey(c => c.FlowId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ItemLink>().WithMany().HasForeignKey(c => c.LinkId).OnDelete(DeleteBehavior.Cascade);

        // The queue lists a flow's open conflicts, and the store looks up a link's open ones to supersede.
        builder.HasIndex(c => new { c.FlowId, c.Status });
        builder.HasIndex(c => new { c.LinkId, c.Status });
    }
}
